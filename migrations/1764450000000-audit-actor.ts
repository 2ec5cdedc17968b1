import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who acted, when it was not the account's owner: an admin user's id or a machine client's id (text, since a
 * client id is not a UUID). Null for the owner's own actions and for events without a caller. No foreign key:
 * the log outlives users and clients. The index serves the admin event listing filtered by actor.
 */
export class AuditActor1764450000000 implements MigrationInterface {
  name = 'AuditActor1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "security_events" ADD "actor_id" text`);
    await q.query(`CREATE INDEX "security_events_actor_id_seq_idx" ON "security_events" ("actor_id", "seq") WHERE "actor_id" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "security_events_actor_id_seq_idx"`);
    await q.query(`ALTER TABLE "security_events" DROP COLUMN "actor_id"`);
  }
}
