import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@identsphere/config';
import { RetryPolicy } from '@identsphere/database';
import { WEBHOOK_WORKER_OPTIONS, WebhookDeliveryWorker, WebhookWorkerOptions } from './delivery/webhook-delivery-worker';
import { WebhookHttpSender } from './delivery/webhook-http-sender';
import { WebhookTargetPolicy } from './delivery/webhook-target-policy';
import { WebhookDeliveriesRepository } from './persistence/webhook-deliveries.repository';
import { WebhookDeliveryEntity } from './persistence/webhook-delivery.entity';
import { WebhookEndpointEntity } from './persistence/webhook-endpoint.entity';
import { WebhookEndpointsRepository } from './persistence/webhook-endpoints.repository';
import { WebhookMetrics } from './webhook-metrics';
import { WebhookPublisher } from './webhook-publisher';
import { WebhookSecretCipher } from './webhook-secret-cipher';
import { WEBHOOK_TARGET_POLICY, WebhooksService } from './webhooks.service';

/**
 * 10 s, 20 s, 40 s ... capped at 1 h, 10 attempts: a receiver down for up to about 1.4 hours loses no
 * event; after that the delivery is marked failed and stays visible in GET …/deliveries for 30 days.
 */
export const DEFAULT_WEBHOOK_RETRY_POLICY: RetryPolicy = { baseDelaySeconds: 10, maxDelaySeconds: 3600, maxAttempts: 10 };

export const DEFAULT_WEBHOOK_WORKER_OPTIONS: WebhookWorkerOptions = {
  pollIntervalMs: 1_000,
  batchSize: 10,
  timeoutMs: 10_000,
  // Far above the attempt's deadline: a lease that ran out mid-attempt would let a second worker send a copy.
  leaseSeconds: 120,
  retry: DEFAULT_WEBHOOK_RETRY_POLICY,
  shutdownGraceMs: 1_000,
  sentRetentionSeconds: 7 * 86_400,
  failedRetentionSeconds: 30 * 86_400,
};

export interface WebhooksModuleOptions {
  /** Seals endpoint secrets at rest (bound by the composition root to crypto's SecretBox). */
  readonly secretCipher: (config: AppConfig) => WebhookSecretCipher;
  readonly worker?: Partial<WebhookWorkerOptions>;
}

/** Webhooks for every lib: `WebhookPublisher.publish()` writes to the outbox; the WebhookDeliveryWorker delivers. */
@Global()
@Module({})
export class WebhooksModule {
  static forRoot(options: WebhooksModuleOptions): DynamicModule {
    const worker = { ...DEFAULT_WEBHOOK_WORKER_OPTIONS, ...options.worker };
    return {
      module: WebhooksModule,
      imports: [TypeOrmModule.forFeature([WebhookEndpointEntity, WebhookDeliveryEntity])],
      providers: [
        { provide: WebhookSecretCipher, inject: [AppConfig], useFactory: options.secretCipher },
        { provide: WEBHOOK_WORKER_OPTIONS, useValue: worker },
        { provide: WEBHOOK_TARGET_POLICY, inject: [AppConfig], useFactory: (config: AppConfig) => new WebhookTargetPolicy(config.isProduction) },
        { provide: WebhookHttpSender, inject: [WEBHOOK_TARGET_POLICY], useFactory: (policy: WebhookTargetPolicy) => new WebhookHttpSender(policy, worker.timeoutMs) },
        WebhookEndpointsRepository,
        WebhookDeliveriesRepository,
        WebhookPublisher,
        WebhookMetrics,
        WebhooksService,
        WebhookDeliveryWorker,
      ],
      exports: [WebhookPublisher, WebhooksService],
    };
  }
}
