import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@identsphere/config';

const INTERVAL_MS = 60 * 60_000;
const BATCH = 5_000;
const MAX_BATCHES_PER_RUN = 20;

/**
 * Deletes security events older than IDENTSPHERE_AUDIT_RETENTION_DAYS, hourly, so the append-only log
 * does not grow without bound (failed logins alone add rows at the hash rate). Safe with any number of
 * instances: the delete is idempotent, batched, and SKIP LOCKED lets concurrent runs pass each other.
 * Events are found by `seq` below the first event still inside the window (seq follows insertion time),
 * so a run over an already-trimmed table reads a row or two instead of scanning it.
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditRetention');
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Deletes expired events; returns how many. */
  async runOnce(): Promise<number> {
    const days = this.config.audit.retentionDays;
    const [first] = await this.dataSource.query(
      `SELECT seq FROM security_events WHERE created_at >= now() - make_interval(days => $1) ORDER BY seq LIMIT 1`,
      [days],
    );
    // No event inside the window: everything older goes (bounded by created_at, not by seq).
    const condition = first ? `seq < $1` : `created_at < now() - make_interval(days => $1)`;
    const parameter = first ? first.seq : days;
    let deleted = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const [, count] = (await this.dataSource.query(
        `DELETE FROM security_events WHERE seq IN (SELECT seq FROM security_events WHERE ${condition} ORDER BY seq LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`,
        [parameter],
      )) as [unknown[], number];
      deleted += count;
      if (count < BATCH) break;
    }
    return deleted;
  }

  // Jittered so instances started together do not all purge at the same moment.
  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), INTERVAL_MS * (0.5 + Math.random()));
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const deleted = await this.runOnce();
      if (deleted > 0) this.logger.log(`expired security events deleted count=${deleted}`);
    } catch (error) {
      // The database may be down for a while; the next run catches up.
      this.logger.warn(`security event retention skipped: ${(error as Error).message}`);
    } finally {
      this.schedule();
    }
  }
}
