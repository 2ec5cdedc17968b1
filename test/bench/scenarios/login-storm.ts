import { Account, BEARER } from '../lib/accounts';
import { latenciesOf, runClosedLoop } from '../lib/closed-loop';
import { CpuCores, cpuMeter } from '../lib/cpu-budget';
import { BenchDatabase } from '../lib/database';
import { BenchHttpClient, sleep } from '../lib/http-client';
import { ProbeResult, SideProbe } from '../lib/probes';
import { Sampler, ServerProcess } from '../lib/server';
import { EventLoopDelay, eventLoopDelayOf, scrapeMetrics } from '../lib/server-metrics';
import { LatencySummary, summarize } from '../lib/stats';

export const STORM_CLIENTS = 64;
const BASELINE_SECONDS = 2;
const SLOW_MS = 2_000;

export interface LoginStormResult {
  readonly clients: number;
  readonly seconds: number;
  readonly honourRetryAfter: boolean;
  /** Answered logins (200 or 401): each cost one Argon2id verification. */
  readonly loginsPerSecond: number;
  readonly statuses: Record<string, number>;
  /** Answered logins (200/401). */
  readonly login: LatencySummary;
  /** 503 overloaded refusals. */
  readonly refused: LatencySummary;
  /** Responses other than 200, 401 and 503 overloaded with Retry-After (should be none). */
  readonly unexpected: number;
  /** Responses slower than 2 s, whatever their status. */
  readonly slowerThan2s: number;
  readonly maxMs: number;
  readonly idleProbe: ProbeResult;
  readonly probe: ProbeResult;
  readonly rssMiB: { readonly before: number; readonly peak: number };
  readonly eventLoopDelay: EventLoopDelay | null;
  /** Cores kept busy during the storm by the server, its event loop, PostgreSQL and the load generator. */
  readonly cpuCores: CpuCores;
  /** Fresh sessions from successful logins, for later scenarios. */
  readonly refreshTokens: string[];
}

export interface LoginStormInput {
  readonly server: ServerProcess;
  readonly accounts: readonly Account[];
  readonly probeRefreshToken: string;
  readonly seconds: number;
  readonly honourRetryAfter: boolean;
  readonly metricsToken: string;
  readonly db: BenchDatabase;
}

/**
 * 64 closed-loop clients log in, even ones with the right password and odd ones with a wrong one, each
 * on its own account, while the side probe samples /health and a refresh every 100 ms. A 2 s idle probe
 * first gives the baseline.
 */
export async function loginStorm(input: LoginStormInput): Promise<LoginStormResult> {
  const { server, accounts } = input;
  const idle = new SideProbe(server.baseUrl, input.probeRefreshToken);
  await sleep(BASELINE_SECONDS * 1000);
  const idleProbe = await idle.stop();

  const admin = new BenchHttpClient(server.baseUrl, 1);
  await scrapeMetrics(admin, input.metricsToken); // resets the event-loop histogram
  const rssBefore = server.rssMiB();
  const stopCpuMeter = await cpuMeter(server, input.db);
  const rss = new Sampler(() => server.rssMiB());
  const probe = new SideProbe(server.baseUrl, idleProbe.refreshToken);
  const client = new BenchHttpClient(server.baseUrl, STORM_CLIENTS);
  const refreshTokens: string[] = [];
  let unexpected = 0;
  const result = await runClosedLoop({
    client,
    concurrency: STORM_CLIENTS,
    seconds: input.seconds,
    honourRetryAfter: input.honourRetryAfter,
    request: (i) => {
      const account = accounts[i % accounts.length];
      return { method: 'POST', path: '/v1/auth/login', headers: BEARER, json: { email: account.email, password: i % 2 === 0 ? account.password : `${account.password}-wrong` } };
    },
    onResponse: (i, res) => {
      const expected = i % 2 === 0 ? 200 : 401;
      if (res.status === expected) {
        if (res.status === 200 && refreshTokens.length < 256) refreshTokens.push((JSON.parse(res.body) as { refreshToken: string }).refreshToken);
        return;
      }
      if (res.status === 503 && isOverloaded(res.body) && res.headers['retry-after'] !== undefined) return;
      unexpected++;
    },
  });
  const cpuCores = await stopCpuMeter();
  const probeResult = await probe.stop();
  const peak = Math.max(rssBefore, ...rss.stop());
  const eventLoopDelay = eventLoopDelayOf(await scrapeMetrics(admin, input.metricsToken));
  admin.close();
  client.close();

  const answered = latenciesOf(result, [200, 401]);
  const all = latenciesOf(result);
  return {
    clients: STORM_CLIENTS,
    seconds: result.seconds,
    honourRetryAfter: input.honourRetryAfter,
    loginsPerSecond: answered.length / result.seconds,
    statuses: result.statuses.toJSON(),
    login: summarize(answered),
    refused: summarize(latenciesOf(result, [503])),
    unexpected: unexpected + result.transportErrors,
    slowerThan2s: all.filter((ms) => ms > SLOW_MS).length,
    maxMs: summarize(all).max,
    idleProbe: { health: idleProbe.health, refresh: idleProbe.refresh },
    probe: { health: probeResult.health, refresh: probeResult.refresh },
    rssMiB: { before: rssBefore, peak },
    eventLoopDelay,
    cpuCores,
    refreshTokens,
  };
}

function isOverloaded(body: string): boolean {
  try {
    return (JSON.parse(body) as { code?: string }).code === 'overloaded';
  } catch {
    return false;
  }
}
