import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A temporary disable: the account counts as enabled again once `disabled_until` has passed. Every check
 * (login, refresh, the guard's liveness query) compares it with the database's clock, so no sweep job has
 * to run for the account to come back, and all instances agree on the moment.
 */
export class AccountDisabledUntil1764450000001 implements MigrationInterface {
  name = 'AccountDisabledUntil1764450000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "disabled_until" timestamptz`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "CHK_users_disabled_until" CHECK ("disabled_until" IS NULL OR "disabled_at" IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_disabled_until"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "disabled_until"`);
  }
}
