import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const INTERVAL_MS = 10 * 60_000;
const BATCH = 5_000;
const MAX_BATCHES_PER_RUN = 20;
const TABLES = ['rate_limit_counters', 'login_locks'] as const;

export type CleanupResult = Record<(typeof TABLES)[number], number>;

/**
 * Deletes expired throttle rows every ~10 minutes so the tables stay bounded. Safe with any number of
 * instances running it at once: the delete is idempotent, works in bounded batches, and SKIP LOCKED
 * makes concurrent cleaners (and live upserts) pass each other's rows instead of waiting. A row is only
 * expired once it can no longer affect a decision (two windows for counters; a day after the last
 * attempt and after any lock for login streaks), so deleting one that is concurrently re-used is harmless.
 */
@Injectable()
export class RateLimitCleanup implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimitCleanup');
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  async runOnce(): Promise<CleanupResult> {
    const result = {} as CleanupResult;
    for (const table of TABLES) result[table] = await this.purge(table);
    return result;
  }

  private async purge(table: (typeof TABLES)[number]): Promise<number> {
    let deleted = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const [, count] = (await this.dataSource.query(
        `DELETE FROM ${table} WHERE ctid IN (SELECT ctid FROM ${table} WHERE expires_at < now() LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`,
      )) as [unknown[], number];
      deleted += count;
      if (count < BATCH) break;
    }
    return deleted;
  }

  // Jittered so instances started together do not all clean at the same moment.
  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), INTERVAL_MS * (0.5 + Math.random()));
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const result = await this.runOnce();
      const total = result.rate_limit_counters + result.login_locks;
      if (total > 0) this.logger.log(`expired throttle rows deleted counters=${result.rate_limit_counters} locks=${result.login_locks}`);
    } catch (error) {
      // The database may be down for a while; the next run catches up.
      this.logger.warn(`throttle cleanup skipped: ${(error as Error).message}`);
    } finally {
      this.schedule();
    }
  }
}
