/** One counter row as the atomic upsert returns it: this window's attempts, the previous window's, and time into this window. */
export interface WindowCounts {
  readonly count: number;
  readonly previousCount: number;
  readonly elapsedSeconds: number;
}

export interface RateLimit {
  /** Attempts allowed per window. */
  readonly max: number;
  readonly windowSeconds: number;
}

export interface RateDecision {
  readonly allowed: boolean;
  /** Weighted attempts in the sliding window, this one included. */
  readonly estimate: number;
  /** Seconds until one more attempt would be allowed (0 when allowed). */
  readonly retryAfterSeconds: number;
}

/**
 * The two-fixed-window approximation of a sliding window (as Cloudflare and nginx-style limiters use):
 * the previous window's count is weighted by how much of it still overlaps the sliding window. It needs
 * one row per (bucket, subject) and is exact at window boundaries, within one window's slope elsewhere.
 */
export function decide(counts: WindowCounts, limit: RateLimit): RateDecision {
  const { count, previousCount } = counts;
  const window = limit.windowSeconds;
  const elapsed = Math.min(Math.max(counts.elapsedSeconds, 0), window);
  const estimate = count + (previousCount * (window - elapsed)) / window;
  if (estimate <= limit.max) return { allowed: true, estimate, retryAfterSeconds: 0 };
  return { allowed: false, estimate, retryAfterSeconds: Math.max(1, Math.ceil(secondsUntilNextAllowed(count, previousCount, elapsed, limit))) };
}

/** When would an attempt made then (adding 1 to this window's count) be within the limit? */
function secondsUntilNextAllowed(count: number, previousCount: number, elapsed: number, limit: RateLimit): number {
  const window = limit.windowSeconds;
  const untilWindowEnd = window - elapsed;
  if (count + 1 <= limit.max && previousCount > 0) {
    // Still in this window: wait until the previous window's weight has decayed enough.
    return Math.max(0, untilWindowEnd - ((limit.max - count - 1) * window) / previousCount);
  }
  // Next window: this window's count becomes the decaying "previous" one.
  const intoNext = count > 0 ? window * Math.max(0, 1 - (limit.max - 1) / count) : 0;
  return untilWindowEnd + intoNext;
}
