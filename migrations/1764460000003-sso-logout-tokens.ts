import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Back-channel logout tokens already accepted, by provider and `jti` (OpenID Connect Back-Channel Logout 1.0
 * §2.6: a token must be used once). A row is kept only while a token with its `iat` could still be accepted;
 * expired rows are swept as new ones come (see LogoutTokenReplayRepository).
 */
export class SsoLogoutTokens1764460000003 implements MigrationInterface {
  name = 'SsoLogoutTokens1764460000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "sso_logout_tokens" (
        "provider_id" text NOT NULL,
        "jti" text NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_sso_logout_tokens" PRIMARY KEY ("provider_id", "jti")
      )`);
    await q.query(`CREATE INDEX "sso_logout_tokens_expires_idx" ON "sso_logout_tokens" ("expires_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "sso_logout_tokens"`);
  }
}
