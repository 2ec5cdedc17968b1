import './lib/bench-thread-pool'; // first: captures the operator's UV_THREADPOOL_SIZE, then sizes this process's pool
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Account, createAccounts } from './lib/accounts';
import { CannonResult } from './lib/cannon';
import { BenchDatabase, createBenchDatabase } from './lib/database';
import { BenchHttpClient } from './lib/http-client';
import { num } from './lib/report';
import { freePort, ServerProcess } from './lib/server';
import { productionServerEnv } from './lib/server-env';
import { percentile } from './lib/stats';
import { me } from './scenarios/me';
import { refresh, RefreshChains } from './scenarios/refresh';

// Interleaved A/B of two builds on a shared, noisy machine: both servers run side by side and take turns
// in short bursts, so background load hits both alike. Reports the median server CPU per request and req/s.
//   BENCH_AB_A=<dist A> BENCH_AB_B=<dist B> [BENCH_AB_SCENARIOS=me,refresh] [BENCH_AB_ROUNDS=8]
//   [BENCH_AB_SECONDS=2] node dist/bench/ab.js

interface Variant {
  readonly name: string;
  readonly server: ServerProcess;
  readonly db: BenchDatabase;
  readonly accounts: Account[];
  readonly chains: RefreshChains;
  readonly samples: Map<string, { cpu: number[]; rps: number[]; p99: number[] }>;
}

const env = process.env;
const ROUNDS = Number(env.BENCH_AB_ROUNDS ?? 8);
const SECONDS = Number(env.BENCH_AB_SECONDS ?? 2);
const SCENARIOS = (env.BENCH_AB_SCENARIOS ?? 'me,refresh').split(',').filter(Boolean);
const ADMIN_URL = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function startVariant(name: string, dist: string): Promise<Variant> {
  const db = await createBenchDatabase(ADMIN_URL);
  const serverEnv = productionServerEnv(db);
  const logFile = join(mkdtempSync(join(tmpdir(), `identsphere-ab-${name}-`)), 'server.log');
  const server = await ServerProcess.start({ entry: join(resolve(dist), 'apps/identsphere/src/main.js'), env: serverEnv, port: await freePort(), logFile }).catch(async (e) => {
    await db.drop();
    throw e;
  });
  const client = new BenchHttpClient(server.baseUrl, 4);
  const accounts = await createAccounts(client, `${name}${randomBytes(3).toString('hex')}`, 64, 4)
    .catch(async (e: Error) => {
      await server.stop();
      await db.drop();
      throw e;
    })
    .finally(() => client.close());
  const chains = { tokens: accounts.slice(0, 32).map((a) => a.refreshToken), spares: accounts.slice(32).map((a) => a.refreshToken) };
  return { name, server, db, accounts, chains, samples: new Map() };
}

async function burst(v: Variant, scenario: string, seconds: number): Promise<CannonResult> {
  return scenario === 'me' ? me(v.server.baseUrl, v.accounts, seconds) : refresh(v.server.baseUrl, v.chains, seconds);
}

async function main(): Promise<void> {
  if (!env.BENCH_AB_A || !env.BENCH_AB_B) throw new Error('set BENCH_AB_A and BENCH_AB_B to two dist directories');
  const variants: Variant[] = [];
  const cleanup = async () => {
    for (const v of variants.splice(0)) {
      await v.server.stop();
      await v.db.drop();
    }
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    variants.push(await startVariant('A', env.BENCH_AB_A), await startVariant('B', env.BENCH_AB_B));
    for (const scenario of SCENARIOS) for (const v of variants) await burst(v, scenario, 1); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      for (const scenario of SCENARIOS) {
        // Alternate who goes first, so a trend in background load favours neither.
        for (const v of round % 2 === 0 ? variants : [...variants].reverse()) {
          const before = v.server.cpuMs().process;
          const r = await burst(v, scenario, SECONDS);
          const s = v.samples.get(scenario) ?? v.samples.set(scenario, { cpu: [], rps: [], p99: [] }).get(scenario)!;
          s.cpu.push((v.server.cpuMs().process - before) / r.latency.count);
          s.rps.push(r.requestsPerSecond);
          s.p99.push(r.latency.p99);
        }
      }
    }
    process.stdout.write(`interleaved A/B, ${ROUNDS} rounds × ${SECONDS} s per scenario and variant (medians)\nA=${env.BENCH_AB_A}\nB=${env.BENCH_AB_B}\n`);
    process.stdout.write('| scenario | variant | server CPU ms/request | req/s | p99 ms |\n|---|---|---|---|---|\n');
    for (const scenario of SCENARIOS) {
      for (const v of variants) {
        const s = v.samples.get(scenario)!;
        process.stdout.write(`| ${scenario} | ${v.name} | ${num(percentile(s.cpu, 50))} | ${num(percentile(s.rps, 50))} | ${num(percentile(s.p99, 50))} |\n`);
      }
    }
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`ab failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
