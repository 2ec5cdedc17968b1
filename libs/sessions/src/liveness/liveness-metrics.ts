import { Counter, Gauge } from 'prom-client';
import type { MetricsRegistry } from '@identsphere/observability';
import type { InvalidationFeed, LivenessCacheEvents } from './liveness-cache';

/**
 * `identsphere_liveness_cache_lookups_total{result}` (hit, miss, or bypass while the listener is down),
 * `identsphere_liveness_cache_invalidations_total{reason}` (user: an announcement; reset: the listener
 * connected or was lost), `identsphere_liveness_cache_entries` and `identsphere_liveness_listener_connected`.
 */
export class LivenessMetrics implements LivenessCacheEvents {
  private readonly lookups: Record<'hit' | 'miss' | 'bypass', Counter.Internal>;
  private readonly invalidations: Record<'user' | 'reset', Counter.Internal>;

  constructor({ registry }: MetricsRegistry, feed: InvalidationFeed, entries: () => number) {
    const lookups = new Counter({ name: 'identsphere_liveness_cache_lookups_total', help: 'Session liveness checks by the guard, by cache result', labelNames: ['result'], registers: [registry] });
    const invalidations = new Counter({ name: 'identsphere_liveness_cache_invalidations_total', help: 'Liveness cache invalidations, by reason', labelNames: ['reason'], registers: [registry] });
    this.lookups = { hit: lookups.labels('hit'), miss: lookups.labels('miss'), bypass: lookups.labels('bypass') };
    this.invalidations = { user: invalidations.labels('user'), reset: invalidations.labels('reset') };
    new Gauge({ name: 'identsphere_liveness_cache_entries', help: 'Sessions whose liveness is cached', registers: [registry], collect() { this.set(entries()); } });
    new Gauge({
      name: 'identsphere_liveness_listener_connected',
      help: '1 while the LISTEN connection hears invalidations (the cache is used), 0 while liveness comes from the database',
      registers: [registry],
      collect() {
        this.set(feed.isListening ? 1 : 0);
      },
    });
  }

  lookup(result: 'hit' | 'miss' | 'bypass'): void {
    this.lookups[result].inc();
  }

  invalidated(reason: 'user' | 'reset'): void {
    this.invalidations[reason].inc();
  }
}
