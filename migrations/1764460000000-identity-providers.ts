import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Enterprise SSO (OpenID Connect). An identity provider is configuration: managed through the admin API
 * (`managed_by = 'api'`) or seeded from IDENTSPHERE_OIDC_PROVIDERS (`'env'`). Its client secret is sealed
 * with a key derived from IDENTSPHERE_JWT_SECRET (it must be recoverable for the token request, so it cannot
 * be a digest). A domain belongs to at most one provider: the domain is the primary key of its table, so two
 * instances racing to claim it cannot both win. A linked identity is one (provider, subject) pair for a user.
 */
export class IdentityProviders1764460000000 implements MigrationInterface {
  name = 'IdentityProviders1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "identity_providers" (
        "id" text NOT NULL,
        "name" text NOT NULL,
        "issuer" text NOT NULL,
        "client_id" text NOT NULL,
        "auth_method" text NOT NULL,
        "client_secret_sealed" text,
        "scopes" text array NOT NULL,
        "enforce_sso" boolean NOT NULL DEFAULT false,
        "email_claim" text NOT NULL DEFAULT 'email',
        "name_claim" text NOT NULL DEFAULT 'name',
        "groups_claim" text,
        "role_mapping" jsonb NOT NULL DEFAULT '{}',
        "managed_by" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_identity_providers" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_identity_providers_auth_method" CHECK ("auth_method" IN ('client_secret_basic', 'client_secret_post', 'private_key_jwt')),
        CONSTRAINT "CHK_identity_providers_managed_by" CHECK ("managed_by" IN ('api', 'env'))
      )`);
    await q.query(`
      CREATE TABLE "identity_provider_domains" (
        "domain" text NOT NULL,
        "provider_id" text NOT NULL,
        CONSTRAINT "PK_identity_provider_domains" PRIMARY KEY ("domain"),
        CONSTRAINT "FK_identity_provider_domains_provider" FOREIGN KEY ("provider_id") REFERENCES "identity_providers"("id") ON DELETE CASCADE
      )`);
    // Serves the cascade on provider deletion and listing a provider's domains.
    await q.query(`CREATE INDEX "identity_provider_domains_provider_idx" ON "identity_provider_domains" ("provider_id")`);
    await q.query(`
      CREATE TABLE "user_identities" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "provider_id" text NOT NULL,
        "subject" text NOT NULL,
        "email" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_login_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_user_identities" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_user_identities_provider_subject" UNIQUE ("provider_id", "subject"),
        CONSTRAINT "FK_user_identities_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_user_identities_provider" FOREIGN KEY ("provider_id") REFERENCES "identity_providers"("id") ON DELETE CASCADE
      )`);
    // GET /v1/me lists a user's identities; also serves the cascade on user deletion.
    await q.query(`CREATE INDEX "user_identities_user_idx" ON "user_identities" ("user_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "user_identities"`);
    await q.query(`DROP TABLE "identity_provider_domains"`);
    await q.query(`DROP TABLE "identity_providers"`);
  }
}
