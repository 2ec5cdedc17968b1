import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@identsphere/config';
import { DatabaseConnector } from '@identsphere/database';
import type { OutgoingMail, RenderedMail } from '../mail-message';
import { MailTransport } from '../transports/mail-transport';
import { retryDelaySeconds, RetryPolicy } from './backoff';
import { MailPayloadCipher } from './payload-cipher';
import { ClaimedMail, MailOutboxRepository } from './persistence/mail-outbox.repository';

export interface OutboxWorkerOptions {
  /** How often an idle worker looks for due mail. */
  readonly pollIntervalMs: number;
  readonly batchSize: number;
  /** How long a claim hides a row from other workers; far above the SMTP timeouts (≈ 50 s in total). */
  readonly leaseSeconds: number;
  readonly retry: RetryPolicy;
  /** On shutdown, how long a delivery in progress may still finish before it is aborted and released. */
  readonly shutdownGraceMs: number;
  readonly sentRetentionSeconds: number;
}

export const OUTBOX_WORKER_OPTIONS = Symbol('OUTBOX_WORKER_OPTIONS');

const PURGE_EVERY_MS = 3_600_000;

/**
 * Runs in every instance: claims due outbox rows (FOR UPDATE SKIP LOCKED plus a lease), sends each one,
 * marks it sent, or schedules a retry with exponential backoff until the retry policy gives up and marks
 * it failed. HTTP requests only insert rows, so delivery never delays a response.
 *
 * Duplicates: a row is claimed by one worker at a time, so two instances never send the same row
 * concurrently. The one duplicate window is a crash (or a lost database connection) after the relay
 * accepted a mail and before the row is marked sent: the lease then runs out and the mail goes out again.
 * Its Message-ID is derived from the row id, so receivers that deduplicate by Message-ID drop the copy.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('MailOutbox');
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;
  private lastPurgeAt = 0;

  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly transport: MailTransport,
    private readonly cipher: MailPayloadCipher,
    private readonly connector: DatabaseConnector,
    private readonly config: AppConfig,
    @Inject(OUTBOX_WORKER_OPTIONS) private readonly options: OutboxWorkerOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.mail.disabled) {
      this.logger.log('mail disabled (IDENTSPHERE_MAIL_DISABLED=true): nothing is queued or sent');
      return;
    }
    this.logger.log(`mail outbox worker started; delivery: ${this.transport.description}`);
    this.schedule(0);
  }

  /** Stops polling; a delivery in progress gets a short grace, then is aborted and its row released. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    const current = this.running;
    if (!current) return;
    let graceTimer: NodeJS.Timeout | undefined;
    const grace = new Promise<'grace'>((resolve) => (graceTimer = setTimeout(() => resolve('grace'), this.options.shutdownGraceMs)));
    const outcome = await Promise.race([current.then(() => 'done' as const), grace]);
    clearTimeout(graceTimer);
    if (outcome === 'grace') {
      this.abort.abort();
      await current;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.cycle().finally(() => (this.running = null));
    }, delayMs);
    // Never the reason the process stays up.
    this.timer.unref();
  }

  private async cycle(): Promise<void> {
    let more = false;
    try {
      if (this.connector.isReady) {
        more = await this.deliverDueBatch();
        await this.purgeOccasionally();
      }
    } catch (error) {
      this.logger.warn(`mail outbox cycle failed: ${describe(error)}`);
    }
    this.schedule(more ? 0 : this.options.pollIntervalMs);
  }

  /** Returns whether the batch was full (more may be due right away). */
  private async deliverDueBatch(): Promise<boolean> {
    const batch = await this.outbox.claimDue(this.options.batchSize, this.options.leaseSeconds);
    for (const mail of batch) {
      // Shutting down: hand the rest of the batch back at once instead of letting the leases run out.
      if (this.stopping) await this.outbox.release(mail.id, mail.attempt);
      else await this.deliver(mail);
    }
    return batch.length === this.options.batchSize && !this.stopping;
  }

  private async deliver(mail: ClaimedMail): Promise<void> {
    const outgoing = this.unseal(mail);
    if (!outgoing) {
      await this.outbox.markFailed(mail.id, mail.attempt, 'payload cannot be opened (was IDENTSPHERE_JWT_SECRET changed?)');
      this.logger.error(`mail failed id=${mail.id} kind=${mail.kind}: payload cannot be opened`);
      return;
    }
    try {
      await this.transport.send(outgoing, this.abort.signal);
    } catch (error) {
      if (this.abort.signal.aborted) await this.outbox.release(mail.id, mail.attempt);
      else await this.recordFailure(mail, error);
      return;
    }
    // The duplicate window (see the class comment) is between the send above and this update.
    if (await this.outbox.markSent(mail.id)) this.logger.log(`mail sent id=${mail.id} kind=${mail.kind} attempt=${mail.attempt}`);
    else this.logger.warn(`mail sent id=${mail.id} kind=${mail.kind} but its row was no longer pending`);
  }

  private async recordFailure(mail: ClaimedMail, error: unknown): Promise<void> {
    const reason = describe(error);
    const delay = retryDelaySeconds(mail.attempt, this.options.retry);
    if (delay === null) {
      await this.outbox.markFailed(mail.id, mail.attempt, reason);
      this.logger.error(`mail failed permanently id=${mail.id} kind=${mail.kind} attempts=${mail.attempt}: ${reason}`);
      return;
    }
    await this.outbox.scheduleRetry(mail.id, mail.attempt, delay, reason);
    this.logger.warn(`mail delivery failed id=${mail.id} kind=${mail.kind} attempt=${mail.attempt}, retry in ${delay}s: ${reason}`);
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

  private async purgeOccasionally(): Promise<void> {
    if (Date.now() - this.lastPurgeAt < PURGE_EVERY_MS) return;
    this.lastPurgeAt = Date.now();
    const purged = await this.outbox.purgeSent(this.options.sentRetentionSeconds);
    if (purged) this.logger.log(`purged ${purged} sent mail row(s) past retention`);
  }
}

/** An error as a log-safe line: the transport's code and reply, never a message body. */
function describe(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : 'error';
  const reply = typeof e?.responseCode === 'number' ? ` ${e.responseCode}` : '';
  const message = typeof e?.message === 'string' ? e.message.replace(/\s+/g, ' ').slice(0, 200) : String(error).slice(0, 200);
  return `${code}${reply}: ${message}`;
}
