import { cannon, CannonResult } from '../lib/cannon';
import { latenciesOf, runClosedLoop } from '../lib/closed-loop';
import { GetProbe, ProbeSummary } from '../lib/get-probe';
import { BenchHttpClient, sleep } from '../lib/http-client';
import { Sampler, ServerProcess } from '../lib/server';
import { LatencySummary, summarize } from '../lib/stats';
import type { PeerAccount, Target } from '../lib/targets';
import { refresh, REFRESH_CONNECTIONS } from './refresh';

export const CANNON_CONNECTIONS = 32;
export const POLITE_CLIENTS = 8;
export const HOSTILE_CLIENTS = 64;
const SLOW_MS = 2_000;

/** What every side-by-side scenario records about the service besides its own numbers. */
export interface ServerCost {
  readonly rssPeakMiB: number;
  /** CPU time of the whole process and of its event-loop thread during the scenario, in ms. */
  readonly cpuMs: { readonly process: number; readonly eventLoop: number };
}

export type ThroughputResult = CannonResult & ServerCost;

export interface SignInResult extends ServerCost {
  readonly clients: number;
  readonly seconds: number;
  readonly honourRetryAfter: boolean;
  /** 200 per second: successful sign-ins. */
  readonly okPerSecond: number;
  /** 503 (load shed) per second. */
  readonly refusedPerSecond: number;
  readonly statuses: Record<string, number>;
  readonly ok: LatencySummary;
  /** Answers other than 200 and 503 (should be none: every client has the right password). */
  readonly unexpected: number;
  readonly slowerThan2s: number;
  readonly maxMs: number;
  /** During the scenario, one request every 100 ms: the health route and an authenticated GET me. */
  readonly probes?: { readonly health: ProbeSummary; readonly me: ProbeSummary };
}

export interface SideBySideResult {
  noop?: ThroughputResult;
  me?: ThroughputResult;
  refresh?: ThroughputResult;
  polite?: SignInResult;
  hostile?: SignInResult;
}

/** Runs `scenario` while sampling the server's RSS and CPU. */
export async function withServerCost<T extends object>(server: ServerProcess, scenario: () => Promise<T>): Promise<T & ServerCost> {
  const rss = new Sampler(() => server.rssMiB());
  const before = server.cpuMs();
  const result = await scenario();
  const after = server.cpuMs();
  const samples = rss.stop();
  return { ...result, rssPeakMiB: samples.length ? Math.max(...samples) : Number.NaN, cpuMs: { process: after.process - before.process, eventLoop: after.mainThread - before.mainThread } };
}

/** GET `path` at 32 autocannon connections, connection i with the i-th headers. */
function getAt(target: Target, path: string, headers: readonly Record<string, string>[], seconds: number): Promise<CannonResult> {
  let next = 0;
  return cannon({
    url: target.server.baseUrl,
    connections: CANNON_CONNECTIONS,
    seconds,
    setupClient: (client) => client.setRequests([{ method: 'GET', path, headers: headers[next++ % headers.length] }]),
  });
}

export function noop(target: Target, seconds: number): Promise<ThroughputResult> {
  return withServerCost(target.server, () => getAt(target, target.noopPath, [{}], seconds));
}

export function me(target: Target, accounts: readonly PeerAccount[], seconds: number): Promise<ThroughputResult> {
  return withServerCost(target.server, () => getAt(target, target.mePath, accounts.map((a) => a.authHeaders), seconds));
}

/** Each connection rotates its own account's session; undefined when the service has no rotation. */
export function rotate(target: Target, accounts: readonly PeerAccount[], seconds: number): Promise<ThroughputResult> | undefined {
  const endpoint = target.refresh;
  if (!endpoint) return undefined;
  const tokens = accounts.map((a) => a.refreshToken!);
  const chains = { tokens: tokens.slice(0, REFRESH_CONNECTIONS), spares: tokens.slice(REFRESH_CONNECTIONS) };
  return withServerCost(target.server, async () => {
    const result = await refresh(target.server.baseUrl, chains, seconds, endpoint);
    // Later scenarios continue from the newest tokens.
    chains.tokens.forEach((token, i) => (accounts[i].refreshToken = token));
    return result;
  });
}

export interface SignInOptions {
  readonly clients: number;
  readonly honourRetryAfter: boolean;
  readonly seconds: number;
  /** Probe the health route and GET me (as this account) during the scenario. */
  readonly probeAccount?: PeerAccount;
}

/**
 * Closed-loop sign-ins, every client on its own account with the right password. Polite clients wait
 * Retry-After after a 503; hostile ones retry at once. Only ours sheds load with 503s; the peers queue.
 */
export async function signIn(target: Target, accounts: readonly PeerAccount[], options: SignInOptions): Promise<SignInResult> {
  const probes = options.probeAccount
    ? { health: new GetProbe(target.server.baseUrl, target.healthPath), me: new GetProbe(target.server.baseUrl, target.mePath, options.probeAccount.authHeaders) }
    : undefined;
  const client = new BenchHttpClient(target.server.baseUrl, options.clients);
  let unexpected = 0;
  try {
    const result = await withServerCost(target.server, () =>
      runClosedLoop({
        client,
        concurrency: options.clients,
        seconds: options.seconds,
        honourRetryAfter: options.honourRetryAfter,
        request: (i) => target.login(accounts[i % accounts.length].email, accounts[i % accounts.length].password),
        onResponse: (_, res) => {
          if (res.status !== 200 && res.status !== 503) unexpected++;
        },
      }),
    );
    const probed = probes ? { health: await probes.health.stop(), me: await probes.me.stop() } : undefined;
    const all = latenciesOf(result);
    return {
      clients: options.clients,
      seconds: result.seconds,
      honourRetryAfter: options.honourRetryAfter,
      okPerSecond: result.statuses.get(200) / result.seconds,
      refusedPerSecond: result.statuses.get(503) / result.seconds,
      statuses: result.statuses.toJSON(),
      ok: summarize(latenciesOf(result, [200])),
      unexpected: unexpected + result.transportErrors,
      slowerThan2s: all.filter((ms) => ms > SLOW_MS).length,
      maxMs: summarize(all).max,
      probes: probed,
      rssPeakMiB: result.rssPeakMiB,
      cpuMs: result.cpuMs,
    };
  } finally {
    await probes?.health.stop();
    await probes?.me.stop();
    client.close();
    await sleep(1_000); // let a queueing peer drain before the next scenario
  }
}
