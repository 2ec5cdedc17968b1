import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TargetRefused, WebhookTargetPolicy } from './delivery/webhook-target-policy';
import { WebhookDeliveriesRepository } from './persistence/webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './persistence/webhook-endpoints.repository';
import type { WebhookDelivery, WebhookEndpoint } from './webhook';
import type { WebhookEventType } from './webhook-event-types';
import { WebhookSecretCipher } from './webhook-secret-cipher';
import { generateWebhookSecret } from './webhook-signature';
import { WebhookErrors } from './webhooks.errors';

/** Each event fans out to every subscribed endpoint: bounded, so one event cannot queue unbounded work. */
export const MAX_WEBHOOK_ENDPOINTS = 20;
/** GET …/deliveries shows this many, newest first; older ones are in the table until the retention sweep. */
export const LISTED_DELIVERIES = 100;

export const WEBHOOK_TARGET_POLICY = Symbol('WEBHOOK_TARGET_POLICY');

/**
 * The admin side of webhooks, for the admin lib's controller, which wraps each change in a transaction with
 * its security event (webhooks sits beside the audit lib and cannot record it). The log line is for operators
 * reading logs without the audit table.
 */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly cipher: WebhookSecretCipher,
    @Inject(WEBHOOK_TARGET_POLICY) private readonly policy: WebhookTargetPolicy,
  ) {}

  /** The secret is returned here once and never again; the table holds it sealed. */
  async create(url: string, events: readonly WebhookEventType[], actorId: string): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const checked = await this.checkTarget(url);
    if ((await this.endpoints.count()) >= MAX_WEBHOOK_ENDPOINTS) throw WebhookErrors.limitReached(MAX_WEBHOOK_ENDPOINTS);
    const secret = generateWebhookSecret();
    const endpoint = await this.endpoints.create({ id: randomUUID(), url: checked.href, events: [...new Set(events)], secretSealed: this.cipher.seal(secret) });
    this.logger.log(`webhook endpoint created id=${endpoint.id} by=${actorId} events=${endpoint.events.join(',')}`);
    return { endpoint, secret };
  }

  list(): Promise<WebhookEndpoint[]> {
    return this.endpoints.list();
  }

  async get(id: string): Promise<WebhookEndpoint> {
    return (await this.endpoints.find(id)) ?? notFound();
  }

  async delete(id: string, actorId: string): Promise<void> {
    if (!(await this.endpoints.delete(id))) notFound();
    this.logger.log(`webhook endpoint deleted id=${id} by=${actorId}`);
  }

  async deliveriesOf(id: string): Promise<WebhookDelivery[]> {
    await this.get(id);
    return this.deliveries.listForEndpoint(id, LISTED_DELIVERIES);
  }

  private async checkTarget(url: string): Promise<URL> {
    try {
      return await this.policy.check(url);
    } catch (error) {
      if (error instanceof TargetRefused) throw WebhookErrors.urlRefused(error.reason);
      throw error;
    }
  }
}

function notFound(): never {
  throw WebhookErrors.notFound();
}
