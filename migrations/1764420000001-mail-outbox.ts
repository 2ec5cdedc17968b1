import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The durable mail outbox: a mail is a row written in the same transaction as the change that causes it,
 * and workers in every instance claim due rows with FOR UPDATE SKIP LOCKED. The payload (subject and
 * bodies, which carry one-time links) is sealed with a key derived from IDENTSPHERE_JWT_SECRET and cleared
 * once the mail is sent or given up on.
 */
export class MailOutbox1764420000001 implements MigrationInterface {
  name = 'MailOutbox1764420000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "mail_outbox" (
        "id" uuid NOT NULL,
        "kind" text NOT NULL,
        "recipient" text NOT NULL,
        "payload" text,
        "status" text NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_error" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "sent_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_mail_outbox" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_mail_outbox_status" CHECK ("status" IN ('pending', 'sent', 'failed'))
      )`);
    // What the workers poll: only pending rows, ordered by when they are due.
    await q.query(`CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox" ("next_attempt_at") WHERE "status" = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "mail_outbox"`);
  }
}
