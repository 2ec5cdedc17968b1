import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time tokens for email verification, password reset and email change. Only a SHA-256 digest is
 * stored. At most one outstanding token per user and purpose: issuing a new one replaces the old row,
 * so "a newer token invalidates the older ones" holds even when two requests race.
 */
export class OneTimeTokens1764420000000 implements MigrationInterface {
  name = 'OneTimeTokens1764420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "one_time_tokens" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "purpose" text NOT NULL,
        "digest" text NOT NULL,
        "email" text NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_one_time_tokens" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_one_time_tokens_purpose" CHECK ("purpose" IN ('verify-email', 'reset-password', 'change-email'))
      )`);
    await q.query(`CREATE UNIQUE INDEX "one_time_tokens_digest_key" ON "one_time_tokens" ("digest")`);
    await q.query(`CREATE UNIQUE INDEX "one_time_tokens_user_purpose_key" ON "one_time_tokens" ("user_id", "purpose")`);
    // Cross-domain integrity in the database only (the tokens lib never imports the users entity).
    await q.query(
      `ALTER TABLE "one_time_tokens" ADD CONSTRAINT "FK_one_time_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "one_time_tokens"`);
  }
}
