import { retryAfterMs } from './accounts';
import { BenchHttpClient, HttpRequest, HttpResult, sleep } from './http-client';
import { Tally } from './stats';

export interface ClosedLoopOptions {
  readonly client: BenchHttpClient;
  /** Virtual clients, each sending its next request as soon as its previous one is answered. */
  readonly concurrency: number;
  readonly seconds: number;
  /**
   * A refused client (503 + Retry-After) waits as told before its next attempt, as a well-behaved client
   * does; false models a hostile client that retries at once.
   */
  readonly honourRetryAfter: boolean;
  readonly request: (client: number, iteration: number) => HttpRequest;
  readonly onResponse?: (client: number, res: HttpResult) => void;
}

export interface ClosedLoopResult {
  readonly seconds: number;
  readonly statuses: Tally;
  /** Latencies in ms by status code. */
  readonly latencies: ReadonlyMap<number, number[]>;
  /** 503 responses without a usable Retry-After header. */
  readonly missingRetryAfter: number;
  readonly transportErrors: number;
}

/** Runs `concurrency` closed-loop clients for `seconds`; requests in flight at the deadline still complete. */
export async function runClosedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const statuses = new Tally();
  const latencies = new Map<number, number[]>();
  let missingRetryAfter = 0;
  let transportErrors = 0;
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  const clientLoop = async (client: number) => {
    for (let iteration = 0; Date.now() < deadline; iteration++) {
      let res: HttpResult;
      try {
        res = await options.client.send(options.request(client, iteration));
      } catch {
        transportErrors++;
        statuses.add('error');
        await sleep(100);
        continue;
      }
      statuses.add(res.status);
      (latencies.get(res.status) ?? latencies.set(res.status, []).get(res.status)!).push(res.ms);
      options.onResponse?.(client, res);
      if (res.status === 503) {
        const wait = retryAfterMs(res);
        if (Number.isNaN(wait)) missingRetryAfter++;
        if (options.honourRetryAfter) await sleep(Math.min(Number.isNaN(wait) ? 1_000 : wait, deadline - Date.now()));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => clientLoop(i)));
  return { seconds: (Date.now() - started) / 1000, statuses, latencies, missingRetryAfter, transportErrors };
}

/** All latencies of the given statuses (all statuses when none are given), flattened. */
export function latenciesOf(result: ClosedLoopResult, statuses?: readonly number[]): number[] {
  const out: number[] = [];
  for (const [status, values] of result.latencies) if (!statuses || statuses.includes(status)) out.push(...values);
  return out;
}
