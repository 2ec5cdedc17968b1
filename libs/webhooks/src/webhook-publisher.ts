import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@identsphere/database';
import type { WebhookEventData, WebhookEventType } from './webhook-event-types';
import { WebhookDeliveriesRepository } from './persistence/webhook-deliveries.repository';

/**
 * What flows call to announce an account event. It only writes one outbox row per subscribed endpoint,
 * inside the caller's transaction: a webhook exists if and only if the change it announces committed, and
 * delivery (WebhookDeliveryWorker) never delays the HTTP response.
 */
@Injectable()
export class WebhookPublisher {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly tx: TransactionHost,
  ) {}

  /** The body is fixed here, once: every attempt sends (and signs) exactly these bytes. */
  async publish(type: WebhookEventType, data: WebhookEventData): Promise<void> {
    const payload = JSON.stringify({ type, timestamp: new Date().toISOString(), data });
    const queued = await this.deliveries.fanOut(type, payload);
    if (queued > 0) this.tx.afterCommit(() => this.logger.debug(`webhook queued type=${type} endpoints=${queued}`));
  }
}
