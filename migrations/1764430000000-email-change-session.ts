import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Binds a change-email token to the session that asked for it, so ending that session (logout, logout-all,
 * a password change or reset, disabling the account) also ends the pending change. Deleting the session
 * deletes the token with it. Nullable: other purposes have no session, and change-email tokens issued before
 * this migration have none and are refused at confirmation (they expire within a day anyway).
 */
export class EmailChangeSession1764430000000 implements MigrationInterface {
  name = 'EmailChangeSession1764430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "one_time_tokens" ADD "session_id" uuid`);
    await q.query(
      `ALTER TABLE "one_time_tokens" ADD CONSTRAINT "FK_one_time_tokens_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "one_time_tokens" DROP CONSTRAINT "FK_one_time_tokens_session"`);
    await q.query(`ALTER TABLE "one_time_tokens" DROP COLUMN "session_id"`);
  }
}
