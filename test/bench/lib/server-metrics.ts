import { BenchHttpClient } from './http-client';

/** The event-loop delay sampling interval the service configures for prom-client. */
export const EVENT_LOOP_RESOLUTION_MS = 10;

export interface EventLoopDelay {
  /** Percentiles of the delay beyond the sampling interval, in ms (prom-client's histogram minus the interval). */
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Reads /metrics (text format); null when the endpoint is absent or refuses. */
export async function scrapeMetrics(client: BenchHttpClient, token: string): Promise<Map<string, number> | null> {
  const res = await client.send({ method: 'GET', path: '/metrics', headers: { authorization: `Bearer ${token}` } }).catch(() => null);
  if (!res || res.status !== 200) return null;
  return parsePrometheusText(res.body);
}

/** Unlabelled and labelled samples keyed by their full series name, e.g. `x_total{outcome="success"}`. */
export function parsePrometheusText(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^(\S+?(?:\{[^}]*\})?)\s+(\S+)/.exec(line);
    if (match) out.set(match[1], Number(match[2]));
  }
  return out;
}

/**
 * prom-client resets its event-loop histogram at every scrape, so a scrape right before and right after a
 * scenario brackets the delay during it. Node's monitor records each sampling interval's full duration,
 * so the interval itself is subtracted.
 */
export function eventLoopDelayOf(metrics: Map<string, number> | null): EventLoopDelay | null {
  const p99 = metrics?.get('nodejs_eventloop_lag_p99_seconds');
  const max = metrics?.get('nodejs_eventloop_lag_max_seconds');
  if (p99 === undefined || max === undefined) return null;
  const beyond = (seconds: number) => Math.max(0, seconds * 1000 - EVENT_LOOP_RESOLUTION_MS);
  return { p99Ms: beyond(p99), maxMs: beyond(max) };
}
