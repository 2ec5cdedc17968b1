import { BEARER, strongPassword } from '../lib/accounts';
import { latenciesOf, runClosedLoop } from '../lib/closed-loop';
import { BenchHttpClient } from '../lib/http-client';
import { LatencySummary, summarize } from '../lib/stats';

export const SIGNUP_CLIENTS = 16;

export interface SignupResult {
  readonly clients: number;
  readonly seconds: number;
  /** 201 Created per second. */
  readonly signupsPerSecond: number;
  readonly latency: LatencySummary;
  readonly statuses: Record<string, number>;
  /** The server's peak RSS during the run, in MiB, when the caller sampled it. */
  readonly rssPeakMiB?: number;
}

/** New accounts at 16 closed-loop clients (policy check, one Argon2id hash, user + session insert, token). */
export async function signup(url: URL, runId: string, seconds: number, honourRetryAfter: boolean): Promise<SignupResult> {
  const client = new BenchHttpClient(url, SIGNUP_CLIENTS);
  try {
    const result = await runClosedLoop({
      client,
      concurrency: SIGNUP_CLIENTS,
      seconds,
      honourRetryAfter,
      request: (i, n) => ({
        method: 'POST',
        path: '/v1/auth/signup',
        headers: BEARER,
        json: { email: `signup-${runId}-${i}-${n}@example.com`, password: strongPassword() },
      }),
    });
    const created = latenciesOf(result, [201]);
    return {
      clients: SIGNUP_CLIENTS,
      seconds: result.seconds,
      signupsPerSecond: created.length / result.seconds,
      latency: summarize(created),
      statuses: result.statuses.toJSON(),
    };
  } finally {
    client.close();
  }
}
