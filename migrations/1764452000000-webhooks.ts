import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks. An endpoint is a receiver URL with the event types it subscribes to and its signing secret,
 * sealed with a key derived from IDENTSPHERE_JWT_SECRET (it must be recoverable to sign, so it cannot be a
 * digest). A delivery is one event for one endpoint: an outbox row written in the transaction of the change,
 * claimed by workers in every instance with FOR UPDATE SKIP LOCKED, like mail_outbox. Deleting an endpoint
 * deletes its deliveries, pending ones included.
 */
export class Webhooks1764452000000 implements MigrationInterface {
  name = 'Webhooks1764452000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "webhook_endpoints" (
        "id" uuid NOT NULL,
        "url" text NOT NULL,
        "events" text[] NOT NULL,
        "secret_sealed" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_webhook_endpoints" PRIMARY KEY ("id")
      )`);
    await q.query(`
      CREATE TABLE "webhook_deliveries" (
        "id" uuid NOT NULL,
        "endpoint_id" uuid NOT NULL,
        "event_type" text NOT NULL,
        "payload" text NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_error" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "sent_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_webhook_deliveries" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_webhook_deliveries_status" CHECK ("status" IN ('pending', 'sent', 'failed')),
        CONSTRAINT "FK_webhook_deliveries_endpoint" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE
      )`);
    // What the workers poll: only pending rows, ordered by when they are due.
    await q.query(`CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" ("next_attempt_at") WHERE "status" = 'pending'`);
    // GET /v1/admin/webhooks/{id}/deliveries, newest first; also serves the cascade on endpoint deletion.
    await q.query(`CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" ("endpoint_id", "created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "webhook_deliveries"`);
    await q.query(`DROP TABLE "webhook_endpoints"`);
  }
}
