import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@identsphere/config';
import { deleteInBatches, MaintenanceJob } from '@identsphere/database';

const INTERVAL_MS = 60 * 60_000;

/**
 * Deletes security events older than IDENTSPHERE_AUDIT_RETENTION_DAYS, hourly, so the append-only log
 * does not grow without bound (failed logins alone add rows at the hash rate); safe with many instances
 * (see deleteInBatches). Events are found by `seq` below the first event still inside the window (seq
 * follows insertion time), so a run over an already-trimmed table reads a row or two instead of scanning it.
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job = new MaintenanceJob('AuditRetention', INTERVAL_MS, async () => {
    const deleted = await this.runOnce();
    return deleted > 0 ? `expired security events deleted count=${deleted}` : null;
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onApplicationShutdown(): void {
    this.job.stop();
  }

  /** Deletes expired events; returns how many. */
  async runOnce(): Promise<number> {
    const days = this.config.audit.retentionDays;
    const [first] = await this.dataSource.query(
      `SELECT seq FROM security_events WHERE created_at >= now() - make_interval(days => $1) ORDER BY seq LIMIT 1`,
      [days],
    );
    // No event inside the window: everything older goes (bounded by created_at, not by seq).
    const where = first ? 'seq < $1' : 'created_at < now() - make_interval(days => $1)';
    return deleteInBatches(this.dataSource, { table: 'security_events', key: 'seq', where, params: [first ? first.seq : days], ordered: true });
  }
}
