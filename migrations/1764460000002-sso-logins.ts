import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pending SSO logins: one row per GET /v1/auth/sso/start, so any instance can finish the callback. The state
 * and the browser-binding cookie are stored as digests (a database leak replays nothing), the PKCE verifier
 * sealed (it must be sent to the provider). `used_at` makes a state single use. A bearer-mode login keeps its
 * outcome here until the one-time code (a digest too) is exchanged, PKCE-bound to the client's challenge.
 */
export class SsoLogins1764460000002 implements MigrationInterface {
  name = 'SsoLogins1764460000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "sso_logins" (
        "id" uuid NOT NULL,
        "state_digest" text NOT NULL,
        "browser_digest" text NOT NULL,
        "provider_id" text NOT NULL,
        "code_verifier_sealed" text NOT NULL,
        "nonce" text NOT NULL,
        "return_to" text NOT NULL,
        "mode" text NOT NULL,
        "client_code_challenge" text,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "used_at" TIMESTAMP WITH TIME ZONE,
        "exchange_digest" text,
        "exchange_expires_at" TIMESTAMP WITH TIME ZONE,
        "exchanged_at" TIMESTAMP WITH TIME ZONE,
        "user_id" uuid,
        "amr" text[],
        "idp_sid" text,
        "link_digest" text,
        "link_expires_at" TIMESTAMP WITH TIME ZONE,
        "linked_at" TIMESTAMP WITH TIME ZONE,
        "subject" text,
        "email" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_sso_logins" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_sso_logins_state" UNIQUE ("state_digest"),
        CONSTRAINT "UQ_sso_logins_exchange" UNIQUE ("exchange_digest"),
        CONSTRAINT "UQ_sso_logins_link" UNIQUE ("link_digest"),
        CONSTRAINT "CHK_sso_logins_mode" CHECK ("mode" IN ('cookie', 'bearer')),
        CONSTRAINT "FK_sso_logins_provider" FOREIGN KEY ("provider_id") REFERENCES "identity_providers"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_sso_logins_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    // Expired rows are swept as new ones come (see SsoLoginsRepository.create).
    await q.query(`CREATE INDEX "sso_logins_expires_idx" ON "sso_logins" ("expires_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "sso_logins"`);
  }
}
