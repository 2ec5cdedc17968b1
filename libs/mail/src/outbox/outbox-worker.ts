import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@identsphere/config';
import { DatabaseConnector, OutboxDelivery, OutboxLoop, OutboxLoopOptions, PermanentDeliveryFailure } from '@identsphere/database';
import type { OutgoingMail, RenderedMail } from '../mail-message';
import { MailTransport } from '../transports/mail-transport';
import { MailPayloadCipher } from './payload-cipher';
import { ClaimedMail, MailOutboxRepository, MailRow } from './persistence/mail-outbox.repository';

/** The SMTP timeouts add up to about 50 s, far below the lease. */
export type OutboxWorkerOptions = OutboxLoopOptions;

export const OUTBOX_WORKER_OPTIONS = Symbol('OUTBOX_WORKER_OPTIONS');

/**
 * Runs in every instance: the shared outbox loop (claims with SKIP LOCKED and a lease, backoff, failed
 * after the last attempt; see OutboxLoop) delivering mail_outbox rows through the transport.
 *
 * Duplicates: the one window is a crash (or a lost database connection) after the relay accepted a mail
 * and before the row is marked sent. Its Message-ID is derived from the row id, so receivers that
 * deduplicate by Message-ID drop the copy.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnModuleDestroy, OutboxDelivery<MailRow> {
  readonly noun = 'mail';
  private readonly logger = new Logger('MailOutbox');
  private readonly loop: OutboxLoop<MailRow>;

  constructor(
    outbox: MailOutboxRepository,
    private readonly transport: MailTransport,
    private readonly cipher: MailPayloadCipher,
    connector: DatabaseConnector,
    private readonly config: AppConfig,
    @Inject(OUTBOX_WORKER_OPTIONS) options: OutboxWorkerOptions,
  ) {
    this.loop = new OutboxLoop(outbox.queue, this, connector, options, 'MailOutbox');
  }

  onApplicationBootstrap(): void {
    if (this.config.mail.disabled) {
      this.logger.log('mail disabled (IDENTSPHERE_MAIL_DISABLED=true): nothing is queued or sent');
      return;
    }
    this.logger.log(`mail outbox worker started; delivery: ${this.transport.description}`);
    this.loop.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.loop.stop();
  }

  label(mail: ClaimedMail): string {
    return `id=${mail.id} kind=${mail.kind}`;
  }

  async deliver(mail: ClaimedMail, signal: AbortSignal): Promise<void> {
    const outgoing = this.unseal(mail);
    if (!outgoing) throw new PermanentDeliveryFailure('payload cannot be opened (was IDENTSPHERE_JWT_SECRET changed?)');
    await this.transport.send(outgoing, signal);
  }

  private unseal(mail: ClaimedMail): OutgoingMail | null {
    if (!mail.payload) return null;
    try {
      const rendered = JSON.parse(this.cipher.open(mail.payload)) as RenderedMail;
      return { id: mail.id, kind: mail.kind, to: mail.recipient, subject: rendered.subject, text: rendered.text, html: rendered.html };
    } catch {
      return null;
    }
  }
}
