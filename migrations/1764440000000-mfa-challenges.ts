import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pending second-factor logins and the assurance of each session.
 *
 * `mfa_challenges`: a correct password on an account with a second factor yields an mfaToken instead of a
 * session; only its SHA-256 digest is stored. `used_at` is set when a verification claims the row (single
 * use, also under concurrency), `failures` counts wrong codes (the row dies at five).
 *
 * `sessions.auth_time` / `sessions.acr`: when the user last authenticated and with what assurance, so a
 * step-up outlives the access token it produced (refreshed tokens carry them on). Existing sessions get
 * their creation time and 'pwd'.
 */
export class MfaChallenges1764440000000 implements MigrationInterface {
  name = 'MfaChallenges1764440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "mfa_challenges" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "digest" text NOT NULL,
        "amr" text array NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "failures" integer NOT NULL DEFAULT 0,
        "used_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_mfa_challenges" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE UNIQUE INDEX "mfa_challenges_digest_key" ON "mfa_challenges" ("digest")`);
    await q.query(`CREATE INDEX "mfa_challenges_expires_at_idx" ON "mfa_challenges" ("expires_at")`);
    await q.query(`ALTER TABLE "mfa_challenges" ADD CONSTRAINT "FK_mfa_challenges_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE`);

    await q.query(`ALTER TABLE "sessions" ADD "acr" text NOT NULL DEFAULT 'pwd'`);
    await q.query(`ALTER TABLE "sessions" ADD "auth_time" TIMESTAMP WITH TIME ZONE`);
    await q.query(`UPDATE "sessions" SET "auth_time" = "created_at"`);
    await q.query(`ALTER TABLE "sessions" ALTER COLUMN "auth_time" SET NOT NULL`);
    await q.query(`ALTER TABLE "sessions" ALTER COLUMN "auth_time" SET DEFAULT now()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "auth_time"`);
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "acr"`);
    await q.query(`DROP TABLE "mfa_challenges"`);
  }
}
