import { Logger } from '@nestjs/common';
import type { DatabaseConnector } from '../database-connector';
import type { ClaimedRow, OutboxQueue } from './outbox-queue';
import { retryDelaySeconds, RetryPolicy } from './retry-policy';

export interface OutboxLoopOptions {
  /** How often an idle worker looks for due rows. */
  readonly pollIntervalMs: number;
  readonly batchSize: number;
  /** How long a claim hides a row from other workers; far above one delivery's timeouts. */
  readonly leaseSeconds: number;
  readonly retry: RetryPolicy;
  /** On shutdown, how long a delivery in progress may still finish before it is aborted and released. */
  readonly shutdownGraceMs: number;
  readonly sentRetentionSeconds: number;
  /** Failed rows are purged after this long; null keeps them. */
  readonly failedRetentionSeconds?: number | null;
}

/** A failure no retry can mend (e.g. a payload that cannot be opened): the row is marked failed at once. */
export class PermanentDeliveryFailure extends Error {}

/** What happened to one claimed row; fixed values, fit for a metric label. */
export type DeliveryOutcome = 'sent' | 'retry' | 'failed';

/** What an outbox's owner supplies: how to deliver one row, and how to name it in logs. */
export interface OutboxDelivery<T extends object> {
  /** Word for log lines: `<noun> sent id=…`. */
  readonly noun: string;
  /** `id=… kind=…`: what identifies the row in a log line, never its content. */
  label(row: ClaimedRow<T>): string;
  /** Throws on failure; an aborted `signal` means the worker is shutting down. */
  deliver(row: ClaimedRow<T>, signal: AbortSignal): Promise<void>;
  /** Called once the outcome is recorded (metrics). */
  observe?(outcome: DeliveryOutcome): void;
}

const PURGE_EVERY_MS = 3_600_000;

/**
 * The worker of a durable outbox, run in every instance: claims due rows (FOR UPDATE SKIP LOCKED plus a
 * lease), delivers each one, marks it sent, or schedules a retry with exponential backoff until the retry
 * policy gives up and marks it failed. Requests only insert rows, so delivery never delays a response.
 *
 * Duplicates: a row is claimed by one worker at a time, so two instances never deliver the same row
 * concurrently. The one duplicate window is a crash (or a lost database connection) after the receiver
 * accepted a delivery and before the row is marked sent, or a delivery that outlives its lease: the lease
 * then runs out and the row goes out again, under the same id, so receivers can drop the copy.
 */
export class OutboxLoop<T extends object> {
  private readonly logger: Logger;
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;
  private lastPurgeAt = 0;

  constructor(
    private readonly queue: OutboxQueue<T>,
    private readonly delivery: OutboxDelivery<T>,
    private readonly connector: DatabaseConnector,
    private readonly options: OutboxLoopOptions,
    loggerContext: string,
  ) {
    this.logger = new Logger(loggerContext);
  }

  start(): void {
    this.schedule(0);
  }

  /** Stops polling; a delivery in progress gets a short grace, then is aborted and its row released. */
  async stop(): Promise<void> {
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
      this.logger.warn(`${this.delivery.noun} outbox cycle failed: ${describeError(error)}`);
    }
    this.schedule(more ? 0 : this.options.pollIntervalMs);
  }

  /** Returns whether the batch was full (more may be due right away). */
  private async deliverDueBatch(): Promise<boolean> {
    const batch = await this.queue.claimDue(this.options.batchSize, this.options.leaseSeconds);
    for (const row of batch) {
      // Shutting down: hand the rest of the batch back at once instead of letting the leases run out.
      if (this.stopping) await this.queue.release(row.id, row.attempt);
      else await this.deliverOne(row);
    }
    return batch.length === this.options.batchSize && !this.stopping;
  }

  private async deliverOne(row: ClaimedRow<T>): Promise<void> {
    const { noun } = this.delivery;
    try {
      await this.delivery.deliver(row, this.abort.signal);
    } catch (error) {
      if (this.abort.signal.aborted) await this.queue.release(row.id, row.attempt);
      else await this.recordFailure(row, error);
      return;
    }
    // The duplicate window (see the class comment) is between the delivery above and this update.
    if (await this.queue.markSent(row.id)) this.logger.log(`${noun} sent ${this.delivery.label(row)} attempt=${row.attempt}`);
    else this.logger.warn(`${noun} sent ${this.delivery.label(row)} but its row was no longer pending`);
    this.delivery.observe?.('sent');
  }

  private async recordFailure(row: ClaimedRow<T>, error: unknown): Promise<void> {
    const { noun } = this.delivery;
    const reason = describeError(error);
    const delay = error instanceof PermanentDeliveryFailure ? null : retryDelaySeconds(row.attempt, this.options.retry);
    if (delay === null) {
      await this.queue.markFailed(row.id, row.attempt, reason);
      this.logger.error(`${noun} failed permanently ${this.delivery.label(row)} attempts=${row.attempt}: ${reason}`);
      this.delivery.observe?.('failed');
      return;
    }
    await this.queue.scheduleRetry(row.id, row.attempt, delay, reason);
    this.logger.warn(`${noun} delivery failed ${this.delivery.label(row)} attempt=${row.attempt}, retry in ${delay}s: ${reason}`);
    this.delivery.observe?.('retry');
  }

  private async purgeOccasionally(): Promise<void> {
    if (Date.now() - this.lastPurgeAt < PURGE_EVERY_MS) return;
    this.lastPurgeAt = Date.now();
    const { noun } = this.delivery;
    const sent = await this.queue.purgeSent(this.options.sentRetentionSeconds);
    if (sent) this.logger.log(`purged ${sent} sent ${noun} row(s) past retention`);
    if (this.options.failedRetentionSeconds == null) return;
    const failed = await this.queue.purgeFailed(this.options.failedRetentionSeconds);
    if (failed) this.logger.log(`purged ${failed} failed ${noun} row(s) past retention`);
  }
}

/** An error as a log-safe line: its code and reply, never a message body. */
export function describeError(error: unknown): string {
  if (error instanceof PermanentDeliveryFailure) return error.message.slice(0, 200);
  const e = error as { code?: unknown; responseCode?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : 'error';
  const reply = typeof e?.responseCode === 'number' ? ` ${e.responseCode}` : '';
  const message = typeof e?.message === 'string' ? e.message.replace(/\s+/g, ' ').slice(0, 200) : String(error).slice(0, 200);
  return `${code}${reply}: ${message}`;
}
