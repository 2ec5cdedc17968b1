import { join } from 'node:path';
import { sleep } from './lib/http-client';
import { PeerResults, peerRows } from './lib/peer-report';
import { ensurePeersInstalled, PeerProcess, startBetterAuth, startNaive } from './lib/peers';
import { refusalCost, RefusalCost } from './lib/refusal-cost';
import type { BenchResults, ServiceFacts } from './lib/results';
import type { ServerProcess } from './lib/server';
import { betterAuthTarget, identsphereTarget, naiveTarget, PeerAccount, seedAccounts, signInAgain, Target } from './lib/targets';
import { HOSTILE_CLIENTS, me, noop, POLITE_CLIENTS, rotate, SideBySideResult, signIn, SignInResult } from './scenarios/side-by-side';

export interface ComparePeersInput {
  /** Our service, already running with throttling out of reach. */
  readonly ours: ServerProcess;
  readonly service: ServiceFacts;
  readonly adminUrl: string;
  readonly runId: string;
  readonly seconds: number;
  readonly warmupSeconds: number;
  /** The run's log directory: the peers' logs go beside ours. */
  readonly logDir: string;
  readonly log: (line: string) => void;
}

type Scenario = 'noop' | 'me' | 'refresh' | 'polite' | 'hostile';
const SCENARIOS: readonly Scenario[] = ['noop', 'me', 'refresh', 'polite', 'hostile'];
const SEEDED = HOSTILE_CLIENTS + 1; // one account per storm client, and the storm's probe account

/**
 * The side-by-side comparison: the two reference services start on their own databases of the same
 * PostgreSQL server, each of the three gets the same number of accounts, and every scenario runs against
 * the three back to back (their order alternating from one scenario to the next, so a trend in background
 * load favours none).
 */
export async function comparePeers(input: ComparePeersInput): Promise<NonNullable<BenchResults['peers']>> {
  const { log } = input;
  ensurePeersInstalled(log);
  const peers: PeerProcess[] = [];
  try {
    // No CPU profiles for the peers: BENCH_CPU_PROF's directory holds ours alone, for profile-summary.
    const start = (name: string) => ({ adminUrl: input.adminUrl, logFile: join(input.logDir, `${name}.log`) });
    log('▶ starting the reference services: naive (Express + Argon2id + jsonwebtoken + pg) and Better Auth');
    peers.push(await startNaive(start('naive'), input.service.argon2));
    peers.push(await startBetterAuth(start('better-auth')));
    const targets: Target[] = [identsphereTarget(input.ours), naiveTarget(peers[0].server), betterAuthTarget(peers[1].server)];
    const accounts = new Map<Target, PeerAccount[]>();
    for (const target of targets) {
      log(`  signing up ${SEEDED} accounts in ${target.name}`);
      accounts.set(target, await seedAccounts(target, input.runId, SEEDED, 4));
    }

    const services: PeerResults = {};
    for (const [index, scenario] of SCENARIOS.entries()) {
      for (const target of index % 2 === 0 ? targets : [...targets].reverse()) {
        const result = (services[target.name] ??= {});
        const measured = await runScenario(scenario, target, accounts.get(target)!, input);
        if (measured) {
          log(`  ${scenario} · ${target.name}: ${summary(scenario, measured)}`);
          Object.assign(result, { [scenario]: measured });
        } else log(`  ${scenario} · ${target.name}: not applicable (no refresh-token rotation)`);
      }
    }
    return { accounts: SEEDED, services, ratios: peerRows(services), refusalCost: oursRefusalCost(services.identsphere) };
  } finally {
    for (const peer of peers) {
      await peer.server.stop().catch(() => peer.server.killNow());
      await peer.db.drop().catch((e: Error) => log(`warning: could not drop ${peer.db.name}: ${e.message}`));
    }
  }
}

async function runScenario(scenario: Scenario, target: Target, accounts: PeerAccount[], input: ComparePeersInput) {
  const warm = async (run: (seconds: number) => Promise<unknown> | undefined) => {
    if (input.warmupSeconds > 0) await run(input.warmupSeconds);
    return run(input.seconds);
  };
  switch (scenario) {
    case 'noop':
      return warm((s) => noop(target, s));
    case 'me':
      return warm((s) => me(target, accounts, s));
    case 'refresh':
      return target.refresh ? warm((s) => rotate(target, accounts, s)) : undefined;
    case 'polite':
      return signIn(target, accounts, { clients: POLITE_CLIENTS, honourRetryAfter: true, seconds: input.seconds });
    case 'hostile': {
      const probeAccount = await signInAgain(target, accounts[accounts.length - 1]);
      await sleep(1_000);
      return signIn(target, accounts, { clients: HOSTILE_CLIENTS, honourRetryAfter: false, seconds: input.seconds, probeAccount });
    }
  }
}

function summary(scenario: Scenario, r: unknown): string {
  const fixed = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(1));
  if (scenario === 'polite' || scenario === 'hostile') {
    const s = r as SignInResult;
    const probes = s.probes ? `, probes p99 me ${fixed(s.probes.me.p99)} ms / health ${fixed(s.probes.health.p99)} ms` : '';
    const unexpected = s.unexpected ? `, ${s.unexpected} UNEXPECTED answers (${JSON.stringify(s.statuses)})` : '';
    return `${fixed(s.okPerSecond)} ok/s, ${fixed(s.refusedPerSecond)} refused/s${probes}, RSS peak ${fixed(s.rssPeakMiB)} MiB${unexpected}`;
  }
  const t = r as NonNullable<SideBySideResult['me']>;
  const failed = Object.entries(t.statuses).filter(([status]) => !status.startsWith('2'));
  const others = failed.length || t.errors ? `, also ${failed.map(([status, n]) => `${n} × ${status}`).join(', ') || 'none'} and ${t.errors} errors` : '';
  return `${fixed(t.requestsPerSecond)} req/s, p99 ${fixed(t.latency.p99)} ms, RSS peak ${fixed(t.rssPeakMiB)} MiB${others}`;
}

function oursRefusalCost(ours: SideBySideResult | undefined): RefusalCost {
  const sample = (s: SignInResult | undefined) =>
    s ? { eventLoopCpuMs: s.cpuMs.eventLoop, answered: (s.statuses['200'] ?? 0) + (s.statuses['401'] ?? 0), refused: s.statuses['503'] ?? 0 } : null;
  const polite = sample(ours?.polite);
  const hostile = sample(ours?.hostile);
  return polite && hostile ? refusalCost(polite, hostile) : { perAnsweredMs: Number.NaN, perRefusedMs: Number.NaN };
}
