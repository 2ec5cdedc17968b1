import { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, their sessions (one row per sign-in) and the service's JWT signing keys. */
export class CoreSchema1764400000000 implements MigrationInterface {
  name = 'CoreSchema1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL,
        "email" text NOT NULL,
        "email_verified" boolean NOT NULL DEFAULT false,
        "display_name" text,
        "password_hash" text NOT NULL,
        "roles" text array NOT NULL DEFAULT '{}',
        "mfa_enabled" boolean NOT NULL DEFAULT false,
        "disabled_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_users" PRIMARY KEY ("id")
      )`);
    // The normalised email is unique: concurrent duplicate signups yield exactly one row.
    await q.query(`CREATE UNIQUE INDEX "users_email_key" ON "users" ("email")`);

    await q.query(`
      CREATE TABLE "sessions" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "counter" integer NOT NULL DEFAULT 0,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "rotated_at" TIMESTAMP WITH TIME ZONE,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "revoke_reason" text,
        "user_agent" text,
        "ip" text,
        "amr" text array NOT NULL DEFAULT '{pwd}',
        CONSTRAINT "PK_sessions" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "sessions_user_id_idx" ON "sessions" ("user_id")`);
    // Cross-domain integrity lives in the database only (the sessions lib never imports the users entity).
    await q.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE`);

    await q.query(`
      CREATE TABLE "signing_keys" (
        "kid" text NOT NULL,
        "algorithm" text NOT NULL,
        "public_jwk" jsonb NOT NULL,
        "private_key_enc" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "retired_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_signing_keys" PRIMARY KEY ("kid")
      )`);
    // At most one active key per algorithm, so instances racing on first boot converge on one key.
    await q.query(`CREATE UNIQUE INDEX "signing_keys_one_active" ON "signing_keys" ("algorithm") WHERE "retired_at" IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "signing_keys"`);
    await q.query(`DROP TABLE "sessions"`);
    await q.query(`DROP TABLE "users"`);
  }
}
