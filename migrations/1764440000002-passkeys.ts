import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Passkeys (WebAuthn credentials) and the challenges the server hands out for them. Challenges live in the
 * database, not in memory, so a ceremony begun on one instance can finish on any other; `used_at` makes
 * each one single use.
 */
export class Passkeys1764440000002 implements MigrationInterface {
  name = 'Passkeys1764440000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "passkey_credentials" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "credential_id" text NOT NULL,
        "public_key" bytea NOT NULL,
        "counter" bigint NOT NULL DEFAULT 0,
        "transports" text[] NOT NULL DEFAULT '{}',
        "device_type" text NOT NULL,
        "backed_up" boolean NOT NULL,
        "name" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "last_used_at" timestamptz,
        CONSTRAINT "PK_passkey_credentials" PRIMARY KEY ("id"),
        CONSTRAINT "passkey_credentials_credential_id_key" UNIQUE ("credential_id"),
        CONSTRAINT "CHK_passkey_credentials_device_type" CHECK ("device_type" IN ('singleDevice', 'multiDevice')),
        CONSTRAINT "FK_passkey_credentials_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`,
    );
    await q.query(`CREATE INDEX "passkey_credentials_user_idx" ON "passkey_credentials" ("user_id")`);
    await q.query(
      `CREATE TABLE "webauthn_challenges" (
        "id" uuid NOT NULL,
        "challenge" text NOT NULL,
        "purpose" text NOT NULL,
        "user_id" uuid,
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz,
        CONSTRAINT "PK_webauthn_challenges" PRIMARY KEY ("id"),
        CONSTRAINT "webauthn_challenges_challenge_key" UNIQUE ("challenge"),
        CONSTRAINT "CHK_webauthn_challenges_purpose" CHECK ("purpose" IN ('registration', 'authentication', 'second_factor')),
        CONSTRAINT "FK_webauthn_challenges_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`,
    );
    await q.query(`CREATE INDEX "webauthn_challenges_expires_idx" ON "webauthn_challenges" ("expires_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "webauthn_challenges"`);
    await q.query(`DROP TABLE "passkey_credentials"`);
  }
}
