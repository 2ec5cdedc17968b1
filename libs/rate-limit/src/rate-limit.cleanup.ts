import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { deleteInBatches, MaintenanceJob } from '@identsphere/database';

const INTERVAL_MS = 10 * 60_000;
const TABLES = ['rate_limit_counters', 'login_locks'] as const;

export type CleanupResult = Record<(typeof TABLES)[number], number>;

/**
 * Deletes expired throttle rows every ~10 minutes so the tables stay bounded; safe with any number of
 * instances running it at once (see deleteInBatches). A row is only expired once it can no longer affect
 * a decision (two windows for counters; a day after the last attempt and after any lock for login
 * streaks), so deleting one that is concurrently re-used is harmless.
 */
@Injectable()
export class RateLimitCleanup implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job = new MaintenanceJob('RateLimitCleanup', INTERVAL_MS, async () => {
    const result = await this.runOnce();
    const total = result.rate_limit_counters + result.login_locks;
    return total > 0 ? `expired throttle rows deleted counters=${result.rate_limit_counters} locks=${result.login_locks}` : null;
  });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onApplicationShutdown(): void {
    this.job.stop();
  }

  async runOnce(): Promise<CleanupResult> {
    const result = {} as CleanupResult;
    for (const table of TABLES) result[table] = await deleteInBatches(this.dataSource, { table, key: 'ctid', where: 'expires_at < now()' });
    return result;
  }
}
