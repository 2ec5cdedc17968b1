import { EventEmitter, once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import { bearer, dataSource, HttpServer } from './auth-factories';
import type { TestApp } from './test-app';

/** One request as the receiver saw it. */
export interface ReceivedWebhook {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** What the receiver answered (0 for a request it left hanging). */
  readonly answered: number;
}

/** How the receiver answers its n-th request (0-based): a status, or 'hang' (never answer). */
export type ReceiverBehaviour = (n: number) => number | 'hang';

export const alwaysOk: ReceiverBehaviour = () => 204;

/**
 * A real local HTTP receiver (node:http on 127.0.0.1) that records every request and answers as told.
 * Tests await what it received (an event, not a poll).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly events = new EventEmitter();
  private readonly hanging: ServerResponse[] = [];

  private constructor(
    private readonly server: Server,
    private behaviour: ReceiverBehaviour,
  ) {}

  static async start(behaviour: ReceiverBehaviour = alwaysOk): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server, behaviour);
    server.on('request', (req, res) => receiver.handle(req, res));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  answer(behaviour: ReceiverBehaviour): void {
    this.behaviour = behaviour;
  }

  /** Resolves once `check` holds for what was received, failing after `timeoutMs`. */
  async waitFor(check: (received: readonly ReceivedWebhook[]) => boolean, timeoutMs = 20_000): Promise<readonly ReceivedWebhook[]> {
    if (check(this.received)) return this.received;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('request', listener);
        reject(new Error(`receiver: condition not met within ${timeoutMs} ms (${this.received.length} received)`));
      }, timeoutMs);
      const listener = () => {
        if (!check(this.received)) return;
        clearTimeout(timer);
        this.events.off('request', listener);
        resolve(this.received);
      };
      this.events.on('request', listener);
    });
  }

  /** The requests of one event type, in arrival order. */
  ofType(type: string): ReceivedWebhook[] {
    return this.received.filter((r) => JSON.parse(r.body).type === type);
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = this.behaviour(this.received.length);
      const body = Buffer.concat(chunks).toString('utf8');
      if (answer === 'hang') this.hanging.push(res);
      else res.writeHead(answer).end();
      this.received.push({ headers: req.headers, body, answered: answer === 'hang' ? 0 : answer });
      this.events.emit('request');
    });
  }
}

/** Verifies a received request with the standardwebhooks library; returns the parsed payload. */
export function verified(secret: string, received: ReceivedWebhook): { type: string; timestamp: string; data: Record<string, string> } {
  const headers = { 'webhook-id': String(received.headers['webhook-id']), 'webhook-timestamp': String(received.headers['webhook-timestamp']), 'webhook-signature': String(received.headers['webhook-signature']) };
  return new Webhook(secret).verify(received.body, headers) as { type: string; timestamp: string; data: Record<string, string> };
}

export const createWebhook = (server: HttpServer, accessToken: string, body: Record<string, unknown>) =>
  request(server).post('/v1/admin/webhooks').set(bearer(accessToken)).send(body);

export const webhookDeliveries = (server: HttpServer, accessToken: string, id: string) =>
  request(server).get(`/v1/admin/webhooks/${id}/deliveries`).set(bearer(accessToken));

export interface DeliveryRow {
  id: string;
  event_type: string;
  status: string;
  attempts: number;
  last_error: string | null;
  payload: string;
}

export function deliveryRows(t: TestApp, endpointId: string): Promise<DeliveryRow[]> {
  return dataSource(t).query(`SELECT id, event_type, status, attempts, last_error, payload FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY created_at`, [endpointId]);
}

/** As if the retry delay had passed: the delivery is due now (STYLE 19: rewrite time, never sleep). */
export async function makeDue(t: TestApp, deliveryId: string): Promise<void> {
  await dataSource(t).query(`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE id = $1 AND status = 'pending'`, [deliveryId]);
}
