/** When to retry a failed delivery, and when to give up. */
export interface RetryPolicy {
  /** Delay after the first failure; each further failure doubles it. */
  readonly baseDelaySeconds: number;
  readonly maxDelaySeconds: number;
  /** Attempts in total (the first one included); after the last failure the row is marked failed. */
  readonly maxAttempts: number;
}

// ±20 %: instances that failed together (a relay or receiver outage) do not all retry in the same second.
const JITTER = 0.2;

/** Seconds to wait after failed attempt number `attempt` (1-based), or null to give up. */
export function retryDelaySeconds(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number | null {
  if (attempt >= policy.maxAttempts) return null;
  const exponential = Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** (attempt - 1));
  const jittered = exponential * (1 - JITTER + 2 * JITTER * random());
  return Math.max(1, Math.round(jittered));
}
