import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TOTP factors and recovery codes. A TOTP secret is stored sealed (AES-GCM under a key derived from the root
 * secret), one factor per user; `confirmed_at` is null while enrolment awaits its first code, and
 * `last_used_step` is spent with a compare-and-set so no code is accepted twice. Recovery codes are stored
 * only as keyed digests, one row per code, deleted when used.
 */
export class Factors1764440000001 implements MigrationInterface {
  name = 'Factors1764440000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "totp_factors" (
        "user_id" uuid NOT NULL,
        "secret_enc" text NOT NULL,
        "confirmed_at" TIMESTAMP WITH TIME ZONE,
        "last_used_step" bigint NOT NULL DEFAULT '-1',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_totp_factors" PRIMARY KEY ("user_id")
      )`,
    );
    await q.query(
      `CREATE TABLE "recovery_codes" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "digest" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_recovery_codes" PRIMARY KEY ("id")
      )`,
    );
    await q.query(`CREATE UNIQUE INDEX "recovery_codes_user_digest_key" ON "recovery_codes" ("user_id", "digest")`);
    // Cross-domain integrity in the database only (the factors lib never imports the users entity).
    await q.query(`ALTER TABLE "totp_factors" ADD CONSTRAINT "FK_totp_factors_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE`);
    await q.query(`ALTER TABLE "recovery_codes" ADD CONSTRAINT "FK_recovery_codes_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "recovery_codes"`);
    await q.query(`DROP TABLE "totp_factors"`);
  }
}
