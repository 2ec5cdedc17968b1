import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge } from 'prom-client';
import { MetricsRegistry } from './metrics-registry';
import { DATABASE_STATS, DatabaseStatsSource } from './database-stats';

// 10 ms resolution for perf_hooks.monitorEventLoopDelay (prom-client's nodejs_eventloop_lag_* series).
const EVENT_LOOP_RESOLUTION_MS = 10;

/**
 * Process defaults (CPU, memory, GC, handles, event-loop delay percentiles) and the database pool,
 * all read at scrape time so nothing runs between scrapes.
 */
@Injectable()
export class RuntimeMetrics {
  constructor({ registry }: MetricsRegistry, @Inject(DATABASE_STATS) connector: DatabaseStatsSource) {
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_RESOLUTION_MS });
    const pool = () => connector.poolStats();
    new Gauge({
      name: 'identsphere_db_pool_connections',
      help: 'Database pool connections by state (in_use = checked out by a query or transaction)',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const stats = pool();
        this.set({ state: 'in_use' }, stats ? stats.total - stats.idle : 0);
        this.set({ state: 'idle' }, stats?.idle ?? 0);
      },
    });
    new Gauge({
      name: 'identsphere_db_pool_waiting',
      help: 'Queries waiting for a free database connection',
      registers: [registry],
      collect() {
        this.set(pool()?.waiting ?? 0);
      },
    });
    new Gauge({
      name: 'identsphere_db_pool_max',
      help: 'Configured maximum size of the database pool',
      registers: [registry],
      collect() {
        this.set(pool()?.max ?? 0);
      },
    });
    new Gauge({
      name: 'identsphere_db_connected',
      help: '1 once the database has been connected and migrated, 0 while the service waits for it at boot',
      registers: [registry],
      collect() {
        this.set(connector.isReady ? 1 : 0);
      },
    });
  }
}
