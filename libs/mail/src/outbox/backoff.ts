/** When to retry a failed delivery, and when to give up. */
export interface RetryPolicy {
  /** Delay after the first failure; each further failure doubles it. */
  readonly baseDelaySeconds: number;
  readonly maxDelaySeconds: number;
  /** Attempts in total (the first one included); after the last failure the mail is marked failed. */
  readonly maxAttempts: number;
}

/**
 * 5 s, 10 s, 20 s ... capped at 30 min, 12 attempts: a relay outage of up to about 1.7 hours loses no
 * mail, and a mail that cannot be delivered in that time is marked failed and logged (its link would
 * have expired by then anyway for password resets).
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelaySeconds: 5, maxDelaySeconds: 1800, maxAttempts: 12 };

// ±20 %: instances that failed together (a relay outage) do not all retry in the same second.
const JITTER = 0.2;

/** Seconds to wait after failed attempt number `attempt` (1-based), or null to give up. */
export function retryDelaySeconds(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number | null {
  if (attempt >= policy.maxAttempts) return null;
  const exponential = Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** (attempt - 1));
  const jittered = exponential * (1 - JITTER + 2 * JITTER * random());
  return Math.max(1, Math.round(jittered));
}
