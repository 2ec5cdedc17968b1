import { Injectable } from '@nestjs/common';
import { CommonErrors } from '@identsphere/common';
import { RateLimitCountersStore } from './persistence/rate-limit-counters.store';
import { decide, RateDecision, RateLimit } from './sliding-window';
import { SubjectDigest } from './subject-digest';

/**
 * The one generic throttle: a sliding-window count per (bucket, subject), kept in PostgreSQL so every
 * instance sees the same count. `bucket` names the limit ("login-ip", "signup-ip", "mail-recipient"...),
 * `subject` is who is counted (an IP, a normalised email); subjects are stored only as keyed digests.
 *
 * Every attempt counts, refused ones included, so a client that keeps hammering stays refused. Call it
 * outside any transaction: counts commit on their own and must survive the caller's rollback.
 */
@Injectable()
export class RateLimiter {
  constructor(
    private readonly counters: RateLimitCountersStore,
    private readonly digest: SubjectDigest,
  ) {}

  /** Counts one attempt and throws 429 `rate_limited` (with Retry-After) when it is over the limit. */
  async consume(bucket: string, subject: string, limit: RateLimit): Promise<void> {
    const decision = await this.attempt(bucket, subject, limit);
    if (!decision.allowed) throw CommonErrors.rateLimited(decision.retryAfterSeconds);
  }

  /** Counts one attempt and says whether it is within the limit, for callers that refuse differently. */
  async attempt(bucket: string, subject: string, limit: RateLimit): Promise<RateDecision> {
    assertLimit(limit);
    return decide(await this.counters.hit(bucket, this.key(bucket, subject), limit.windowSeconds), limit);
  }

  /** Would one more attempt be allowed now? Counts nothing. */
  async peek(bucket: string, subject: string, limit: RateLimit): Promise<RateDecision> {
    assertLimit(limit);
    const counts = await this.counters.peek(bucket, this.key(bucket, subject), limit.windowSeconds);
    return decide({ ...counts, count: counts.count + 1 }, limit);
  }

  /** Forgets the subject's attempts in this bucket. */
  reset(bucket: string, subject: string): Promise<void> {
    return this.counters.reset(bucket, this.key(bucket, subject));
  }

  private key(bucket: string, subject: string): string {
    return this.digest.of(bucket, subject);
  }
}

function assertLimit(limit: RateLimit): void {
  if (!Number.isInteger(limit.max) || limit.max < 1 || !Number.isInteger(limit.windowSeconds) || limit.windowSeconds < 1) {
    throw new Error('a rate limit needs integer max >= 1 and windowSeconds >= 1');
  }
}
