import { DomainError } from '@identsphere/common';

export interface HashGateOptions {
  /** Hashes allowed to run at once (≈ cores: Argon2 is CPU-bound). */
  readonly concurrency: number;
  /** Hashes allowed to wait for a slot; beyond this, refuse at once. */
  readonly queueMax: number;
  /** The longest a hash may wait for a slot before it is refused. */
  readonly maxWaitMs: number;
}

export interface HashGateState {
  readonly inFlight: number;
  readonly queued: number;
}

interface Waiter {
  start: () => void;
  timer: NodeJS.Timeout;
}

export const overloaded = (retryAfterSeconds: number) =>
  new DomainError('overloaded', 'overloaded', 'Too many password checks in progress; try again shortly.', { retryAfterSeconds });

/**
 * Admission control in front of the password hasher. A login storm then degrades into fast 503s
 * instead of a growing backlog where every request (health checks and refreshes included) times out,
 * and memory stays bounded (each Argon2 hash holds its memory cost while running).
 */
export class HashGate {
  private inFlight = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    private readonly options: HashGateOptions,
    private readonly onChange: (state: HashGateState) => void = () => undefined,
    private readonly onReject: () => void = () => undefined,
  ) {}

  get state(): HashGateState {
    return { inFlight: this.inFlight, queued: this.waiting.length };
  }

  /**
   * Refuses now if a new task could not even queue, so a request that is bound to be refused costs no
   * database work first. run() still decides for real.
   */
  assertCapacity(): void {
    if (this.inFlight >= this.options.concurrency && this.waiting.length >= this.options.queueMax) {
      this.onReject();
      throw overloaded(1);
    }
  }

  /**
   * assertCapacity() without the exception, for the HTTP edge's early refusal (no error object, no stack):
   * true, and the refusal counted, when a new task could not even queue.
   */
  refusesNow(): boolean {
    if (this.inFlight < this.options.concurrency || this.waiting.length < this.options.queueMax) return false;
    this.onReject();
    return true;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.inFlight < this.options.concurrency) {
      this.inFlight++;
      this.onChange(this.state);
      return Promise.resolve();
    }
    if (this.waiting.length >= this.options.queueMax) return this.reject();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          this.onChange(this.state);
          this.reject().catch(reject);
        }, this.options.maxWaitMs),
      };
      this.waiting.push(waiter);
      this.onChange(this.state);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next waiter, so inFlight stays the same.
    if (next) next.start();
    else this.inFlight--;
    this.onChange(this.state);
  }

  private reject(): Promise<never> {
    this.onReject();
    return Promise.reject(overloaded(1));
  }
}
