import autocannon from 'autocannon';
import { LatencySummary } from './stats';

export interface CannonResult {
  readonly connections: number;
  readonly seconds: number;
  /** Successful (2xx) responses per second. */
  readonly requestsPerSecond: number;
  /** autocannon's HdrHistogram latencies (whole-ms resolution) over all responses. */
  readonly latency: LatencySummary;
  readonly statuses: Record<string, number>;
  readonly errors: number;
  readonly timeouts: number;
  /** Server CPU time (all threads) per response, in ms, when the caller measured it. */
  readonly serverCpuMsPerRequest?: number;
  /** The server's peak RSS during the run, in MiB, when the caller sampled it. */
  readonly rssPeakMiB?: number;
}

export interface CannonOptions {
  readonly url: URL;
  readonly connections: number;
  readonly seconds: number;
  readonly setupClient: (client: autocannon.Client) => void;
}

/** An autocannon run (its own efficient HTTP/1.1 client, one request at a time per connection). */
export async function cannon(options: CannonOptions): Promise<CannonResult> {
  const result = await autocannon({
    url: options.url.origin,
    connections: options.connections,
    pipelining: 1,
    duration: options.seconds,
    timeout: 10,
    setupClient: options.setupClient,
  });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, s]) => [status, Number(s.count)]));
  const ok = Object.entries(statuses).reduce((sum, [status, count]) => (status.startsWith('2') ? sum + count : sum), 0);
  return {
    connections: options.connections,
    seconds: result.duration,
    requestsPerSecond: ok / result.duration,
    latency: { count: ok + result.non2xx, p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
