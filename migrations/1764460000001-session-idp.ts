import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which provider session a session of ours came from (SSO): back-channel logout names a provider session
 * by `sid` (or a user by `sub`), and ends ours through this index. No foreign key to identity_providers: a
 * deleted provider leaves plain text behind, which matches nothing once the provider is gone.
 */
export class SessionIdp1764460000001 implements MigrationInterface {
  name = 'SessionIdp1764460000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sessions" ADD "idp_provider_id" text`);
    await q.query(`ALTER TABLE "sessions" ADD "idp_sid" text`);
    await q.query(`CREATE INDEX "sessions_idp_idx" ON "sessions" ("idp_provider_id", "idp_sid")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "sessions_idp_idx"`);
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "idp_sid"`);
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "idp_provider_id"`);
  }
}
