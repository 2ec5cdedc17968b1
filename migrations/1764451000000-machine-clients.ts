import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Machine clients (service accounts). Secrets are stored only as keyed digests (HMAC-SHA256 under a key
 * derived from the root secret). A rotation keeps the previous secret valid until `previous_secret_expires_at`
 * (24 hours, or until the next rotation), so a fleet can roll the new secret out without an outage.
 */
export class MachineClients1764451000000 implements MigrationInterface {
  name = 'MachineClients1764451000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "machine_clients" (
        "id" text NOT NULL,
        "name" text NOT NULL,
        "scopes" text array NOT NULL,
        "secret_digest" text NOT NULL,
        "previous_secret_digest" text,
        "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE,
        "secret_rotated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "disabled_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_machine_clients" PRIMARY KEY ("id")
      )`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "machine_clients"`);
  }
}
