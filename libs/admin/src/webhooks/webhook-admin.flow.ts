import { Injectable } from '@nestjs/common';
import { flowEvent, FlowOutcomes } from '@identsphere/auth';
import { TransactionHost } from '@identsphere/database';
import { WebhookEventType, WebhooksService } from '@identsphere/webhooks';
import type { AdminActor } from '../flows/admin-actor';

/**
 * Adding or removing a webhook endpoint decides where account events go: a security event, committed with
 * the change. No user owns it; the actor is the admin user or machine client, `detail.webhook_id` the
 * endpoint (never its secret, and not its URL, which may carry a receiver's token in the query).
 */
@Injectable()
export class WebhookAdminFlow {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
  ) {}

  create(url: string, events: readonly WebhookEventType[], by: AdminActor) {
    return this.tx.run(async () => {
      const created = await this.webhooks.create(url, events, by.actorId);
      await this.record('webhook_created', created.endpoint.id, by, { events: created.endpoint.events.join(',') });
      return created;
    });
  }

  delete(id: string, by: AdminActor): Promise<void> {
    return this.tx.run(async () => {
      await this.webhooks.delete(id, by.actorId);
      await this.record('webhook_deleted', id, by);
    });
  }

  private record(type: 'webhook_created' | 'webhook_deleted', webhookId: string, by: AdminActor, detail: Record<string, string> = {}): Promise<void> {
    return this.outcomes.record([{ ...flowEvent(type, null, null, { webhook_id: webhookId, ...detail }), actorId: by.actorId }], by.client);
  }
}
