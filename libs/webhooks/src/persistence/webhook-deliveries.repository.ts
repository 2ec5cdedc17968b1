import { Injectable } from '@nestjs/common';
import { ClaimedRow, OutboxQueue, TransactionHost } from '@identsphere/database';
import type { WebhookDelivery, WebhookDeliveryStatus } from '../webhook';
import type { WebhookEventType } from '../webhook-event-types';

/** A webhook_deliveries row's own columns, as a claim returns them. */
export interface DeliveryRow {
  readonly endpoint_id: string;
  readonly event_type: string;
  readonly payload: string;
}

export type ClaimedDelivery = ClaimedRow<DeliveryRow>;

interface ListedRow {
  id: string;
  event_type: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  next_attempt_at: Date;
  sent_at: Date | null;
}

/**
 * The webhook_deliveries outbox. `fanOut` goes through the ambient transaction, so deliveries commit or
 * roll back with the change they announce; claims, leases and retries are the shared outbox statements.
 * Payloads are kept after sending (ids and non-secret facts only) so an operator can see what went out.
 */
@Injectable()
export class WebhookDeliveriesRepository {
  readonly queue: OutboxQueue<DeliveryRow>;

  constructor(private readonly tx: TransactionHost) {
    this.queue = new OutboxQueue(tx, { table: 'webhook_deliveries', columns: ['endpoint_id', 'event_type', 'payload'] });
  }

  /** One row per endpoint subscribed to `type`, in one statement; returns how many. */
  async fanOut(type: WebhookEventType, payload: string): Promise<number> {
    const rows: unknown[] = await this.tx.manager.query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, event_type, payload)
       SELECT gen_random_uuid(), e.id, $1, $2 FROM webhook_endpoints e WHERE $1 = ANY (e.events) RETURNING id`,
      [type, payload],
    );
    return rows.length;
  }

  /** The endpoint's latest deliveries, newest first. */
  async listForEndpoint(endpointId: string, limit: number): Promise<WebhookDelivery[]> {
    const rows: ListedRow[] = await this.tx.manager.query(
      `SELECT id, event_type, status, attempts, last_error, created_at, next_attempt_at, sent_at FROM webhook_deliveries
       WHERE endpoint_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
      [endpointId, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      eventType: r.event_type as WebhookEventType,
      status: r.status,
      attempts: Number(r.attempts),
      lastError: r.last_error,
      createdAt: new Date(r.created_at),
      nextAttemptAt: r.status === 'pending' ? new Date(r.next_attempt_at) : null,
      sentAt: r.sent_at ? new Date(r.sent_at) : null,
    }));
  }
}
