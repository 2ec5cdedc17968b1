import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Throttle state shared by every instance: sliding-window counters (libs/rate-limit RateLimiter) and
 * per-account failed-login streaks with their locks (LoginThrottle). Subjects are keyed digests, never
 * raw emails or IPs. expires_at drives the periodic cleanup.
 */
export class Throttling1764410000000 implements MigrationInterface {
  name = 'Throttling1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "rate_limit_counters" (
        "bucket" text NOT NULL,
        "subject" text NOT NULL,
        "window_start" TIMESTAMP WITH TIME ZONE NOT NULL,
        "count" integer NOT NULL,
        "previous_count" integer NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_rate_limit_counters" PRIMARY KEY ("bucket", "subject")
      )`);
    await q.query(`CREATE INDEX "rate_limit_counters_expires_at_idx" ON "rate_limit_counters" ("expires_at")`);

    await q.query(`
      CREATE TABLE "login_locks" (
        "subject" text NOT NULL,
        "failures" integer NOT NULL,
        "lock_level" integer NOT NULL,
        "locked_until" TIMESTAMP WITH TIME ZONE,
        "locked_at" TIMESTAMP WITH TIME ZONE,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_login_locks" PRIMARY KEY ("subject")
      )`);
    await q.query(`CREATE INDEX "login_locks_expires_at_idx" ON "login_locks" ("expires_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "login_locks"`);
    await q.query(`DROP TABLE "rate_limit_counters"`);
  }
}
