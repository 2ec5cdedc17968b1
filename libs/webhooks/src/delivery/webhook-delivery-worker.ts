import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DatabaseConnector, DeliveryOutcome, OutboxDelivery, OutboxLoop, OutboxLoopOptions, PermanentDeliveryFailure } from '@identsphere/database';
import { ClaimedDelivery, DeliveryRow, WebhookDeliveriesRepository } from '../persistence/webhook-deliveries.repository';
import { WebhookEndpointsRepository } from '../persistence/webhook-endpoints.repository';
import { WebhookMetrics } from '../webhook-metrics';
import { WebhookSecretCipher } from '../webhook-secret-cipher';
import { signWebhook } from '../webhook-signature';
import { WebhookHttpSender } from './webhook-http-sender';
import { TargetRefused } from './webhook-target-policy';

export interface WebhookWorkerOptions extends OutboxLoopOptions {
  /** One attempt, connect to last byte of the answer; the lease is far above it. */
  readonly timeoutMs: number;
}

export const WEBHOOK_WORKER_OPTIONS = Symbol('WEBHOOK_WORKER_OPTIONS');

/**
 * Runs in every instance: the shared outbox loop (claims with SKIP LOCKED and a lease, backoff, failed
 * after the last attempt; see OutboxLoop) delivering webhook_deliveries rows, each one signed per the
 * Standard Webhooks spec. `webhook-id` is the delivery row's id, the same on every attempt and on the one
 * possible duplicate (a crash between the receiver's 2xx and the row's update), so receivers deduplicate.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy, OutboxDelivery<DeliveryRow> {
  readonly noun = 'webhook';
  private readonly loop: OutboxLoop<DeliveryRow>;

  constructor(
    deliveries: WebhookDeliveriesRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly cipher: WebhookSecretCipher,
    private readonly sender: WebhookHttpSender,
    private readonly metrics: WebhookMetrics,
    connector: DatabaseConnector,
    @Inject(WEBHOOK_WORKER_OPTIONS) options: WebhookWorkerOptions,
  ) {
    this.loop = new OutboxLoop(deliveries.queue, this, connector, options, 'WebhookOutbox');
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.loop.stop();
  }

  label(delivery: ClaimedDelivery): string {
    return `id=${delivery.id} type=${delivery.event_type} endpoint=${delivery.endpoint_id}`;
  }

  async deliver(delivery: ClaimedDelivery, signal: AbortSignal): Promise<void> {
    const endpoint = await this.endpoints.findForDelivery(delivery.endpoint_id);
    // Deleted meanwhile: the cascade removes the row too; nothing to send.
    if (!endpoint) throw new PermanentDeliveryFailure('endpoint deleted');
    const secret = this.openSecret(endpoint.secretSealed);
    const headers = signWebhook(secret, delivery.id, Math.floor(Date.now() / 1000), delivery.payload);
    try {
      await this.sender.send({ url: endpoint.url, body: delivery.payload, headers }, signal);
    } catch (error) {
      // Refused now though accepted at creation: DNS changed. Retried, since DNS may change back.
      if (error instanceof TargetRefused) throw Object.assign(new Error(`target refused: ${error.reason}`), { code: 'target_refused' });
      throw error;
    }
  }

  observe(outcome: DeliveryOutcome): void {
    this.metrics.attempted(outcome);
  }

  private openSecret(sealed: string): string {
    try {
      return this.cipher.open(sealed);
    } catch {
      throw new PermanentDeliveryFailure('secret cannot be opened (was IDENTSPHERE_JWT_SECRET changed?)');
    }
  }
}
