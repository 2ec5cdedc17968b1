import { MigrationInterface, QueryRunner } from 'typeorm';

/** The append-only audit log of security events (libs/audit). No foreign key: events outlive the user. */
export class SecurityEvents1764410000001 implements MigrationInterface {
  name = 'SecurityEvents1764410000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "security_events" (
        "seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "id" uuid NOT NULL,
        "user_id" uuid,
        "type" text NOT NULL,
        "session_id" uuid,
        "ip" text,
        "user_agent" text,
        "detail" jsonb NOT NULL DEFAULT '{}',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_security_events" PRIMARY KEY ("seq")
      )`);
    await q.query(`CREATE UNIQUE INDEX "security_events_id_key" ON "security_events" ("id")`);
    // A user's events newest first, paged by seq.
    await q.query(`CREATE INDEX "security_events_user_id_seq_idx" ON "security_events" ("user_id", "seq")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "security_events"`);
  }
}
