import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@identsphere/config';
import { MailMetrics } from './mail-metrics';
import { Mailer } from './mailer';
import { DEFAULT_RETRY_POLICY } from './outbox/backoff';
import { OUTBOX_WORKER_OPTIONS, OutboxWorker, OutboxWorkerOptions } from './outbox/outbox-worker';
import { MailPayloadCipher } from './outbox/payload-cipher';
import { MailOutboxEntity } from './outbox/persistence/mail-outbox.entity';
import { MailOutboxRepository } from './outbox/persistence/mail-outbox.repository';
import { MailTransport } from './transports/mail-transport';
import { selectMailTransport } from './transports/select-transport';

export const DEFAULT_OUTBOX_WORKER_OPTIONS: OutboxWorkerOptions = {
  pollIntervalMs: 1_000,
  batchSize: 10,
  leaseSeconds: 300,
  retry: DEFAULT_RETRY_POLICY,
  // Short: graceful shutdown gives all modules ~3 s to close, and an aborted delivery is released, not lost.
  shutdownGraceMs: 1_000,
  sentRetentionSeconds: 7 * 86_400,
};

export interface MailModuleOptions {
  /** Seals outbox payloads at rest (bound by the composition root to crypto's SecretBox). */
  readonly payloadCipher: (config: AppConfig) => MailPayloadCipher;
  readonly worker?: Partial<OutboxWorkerOptions>;
}

/** Mail for every lib: `Mailer.enqueue()` writes to the outbox; the OutboxWorker delivers. */
@Global()
@Module({})
export class MailModule {
  static forRoot(options: MailModuleOptions): DynamicModule {
    return {
      module: MailModule,
      imports: [TypeOrmModule.forFeature([MailOutboxEntity])],
      providers: [
        { provide: MailPayloadCipher, inject: [AppConfig], useFactory: options.payloadCipher },
        { provide: MailTransport, inject: [AppConfig], useFactory: selectMailTransport },
        { provide: OUTBOX_WORKER_OPTIONS, useValue: { ...DEFAULT_OUTBOX_WORKER_OPTIONS, ...options.worker } },
        MailOutboxRepository,
        Mailer,
        MailMetrics,
        OutboxWorker,
      ],
      exports: [Mailer, MailMetrics],
    };
  }
}
