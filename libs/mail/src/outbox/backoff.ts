import type { RetryPolicy } from '@identsphere/database';

// The backoff arithmetic is shared with every outbox (libs/database); the mail schedule is mail's own.
export { retryDelaySeconds, RetryPolicy } from '@identsphere/database';

/**
 * 5 s, 10 s, 20 s ... capped at 30 min, 12 attempts: a relay outage of up to about 1.7 hours loses no
 * mail, and a mail that cannot be delivered in that time is marked failed and logged (its link would
 * have expired by then anyway for password resets).
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelaySeconds: 5, maxDelaySeconds: 1800, maxAttempts: 12 };
