import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@identsphere/database';
import type { WebhookEndpoint } from '../webhook';
import type { WebhookEventType } from '../webhook-event-types';

interface EndpointRow {
  id: string;
  url: string;
  events: string[];
  created_at: Date;
}

const toEndpoint = (row: EndpointRow): WebhookEndpoint => ({ id: row.id, url: row.url, events: row.events as WebhookEventType[], createdAt: new Date(row.created_at) });

/** The webhook_endpoints table. The sealed secret leaves it only through `findForDelivery` (STYLE 4). */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async create(endpoint: { id: string; url: string; events: readonly WebhookEventType[]; secretSealed: string }): Promise<WebhookEndpoint> {
    const [row] = await this.tx.manager.query(
      `INSERT INTO webhook_endpoints (id, url, events, secret_sealed) VALUES ($1, $2, $3, $4) RETURNING id, url, events, created_at`,
      [endpoint.id, endpoint.url, endpoint.events, endpoint.secretSealed],
    );
    return toEndpoint(row);
  }

  async count(): Promise<number> {
    const [row] = await this.tx.manager.query(`SELECT count(*)::int AS n FROM webhook_endpoints`);
    return Number(row.n);
  }

  async list(): Promise<WebhookEndpoint[]> {
    const rows: EndpointRow[] = await this.tx.manager.query(`SELECT id, url, events, created_at FROM webhook_endpoints ORDER BY created_at, id`);
    return rows.map(toEndpoint);
  }

  async find(id: string): Promise<WebhookEndpoint | null> {
    const rows: EndpointRow[] = await this.tx.manager.query(`SELECT id, url, events, created_at FROM webhook_endpoints WHERE id = $1`, [id]);
    return rows[0] ? toEndpoint(rows[0]) : null;
  }

  /** What the worker needs to sign and send; null once the endpoint is deleted. */
  async findForDelivery(id: string): Promise<{ url: string; secretSealed: string } | null> {
    const rows: Array<{ url: string; secret_sealed: string }> = await this.tx.manager.query(`SELECT url, secret_sealed FROM webhook_endpoints WHERE id = $1`, [id]);
    return rows[0] ? { url: rows[0].url, secretSealed: rows[0].secret_sealed } : null;
  }

  /** Deletes the endpoint and, by the foreign key's cascade, its deliveries. */
  async delete(id: string): Promise<boolean> {
    const [rows] = await this.tx.manager.query(`DELETE FROM webhook_endpoints WHERE id = $1 RETURNING id`, [id]);
    return rows.length > 0;
  }
}
