import './lib/bench-thread-pool'; // first: captures the operator's UV_THREADPOOL_SIZE, then sizes this process's pool
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Account, createAccounts } from './lib/accounts';
import { CannonResult } from './lib/cannon';
import { BenchDatabase, createBenchDatabase } from './lib/database';
import { comparePeers } from './compare-peers';
import { cliOptions } from './lib/cli';
import { backgroundBusyCores, machineFacts, serviceFacts } from './lib/facts';
import { BenchHttpClient, sleep } from './lib/http-client';
import { medianOfRuns } from './lib/medians';
import { medianRows } from './lib/peer-report';
import { ensurePeersInstalled } from './lib/peers';
import { markdownReport } from './lib/report';
import { BenchResults } from './lib/results';
import { freePort, Sampler, ServerProcess } from './lib/server';
import { productionServerEnv } from './lib/server-env';
import { embeddedDefault } from './scenarios/embedded-default';
import { hashCeiling } from './scenarios/hash-ceiling';
import { loginStorm, STORM_CLIENTS } from './scenarios/login-storm';
import { me } from './scenarios/me';
import { refresh, REFRESH_CONNECTIONS } from './scenarios/refresh';
import { signup } from './scenarios/signup';

// Background CPU above this (in cores) before the run makes the report flag its numbers as distorted.
const BUSY_CORES = 0.25;

const SCENARIOS = ['hash-ceiling', 'login-storm', 'me', 'refresh', 'signup', 'embedded-default'] as const;
const MAX_RUNS = 9;
type Scenario = (typeof SCENARIOS)[number];

interface Options {
  readonly adminUrl: string;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly scenarios: ReadonlySet<Scenario>;
  readonly dist: string;
  readonly outDir: string;
  readonly honourRetryAfter: boolean;
  readonly cpuProfileDir?: string;
  readonly keepLog: boolean;
  /** Also run the side-by-side scenarios against the reference services (`--peers`, BENCH_PEERS=1). */
  readonly peers: boolean;
  /** Whole runs to take the medians of (`--runs N`, BENCH_RUNS). */
  readonly runs: number;
}

function options(env: NodeJS.ProcessEnv, argv: readonly string[]): Options {
  const cli = cliOptions(argv);
  const runs = Number(cli.runs ?? env.BENCH_RUNS ?? 1);
  if (!(Number.isInteger(runs) && runs >= 1 && runs <= MAX_RUNS)) throw new Error(`--runs / BENCH_RUNS must be a whole number in [1, ${MAX_RUNS}]`);
  const seconds = Number(env.BENCH_SECONDS ?? 15);
  if (!(seconds > 0 && seconds <= 120)) throw new Error('BENCH_SECONDS must be a number of seconds in (0, 120]');
  const selected = (env.BENCH_SCENARIOS ?? SCENARIOS.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = selected.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`BENCH_SCENARIOS: unknown ${unknown.join(', ')} (known: ${SCENARIOS.join(', ')})`);
  return {
    adminUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    seconds,
    warmupSeconds: Number(env.BENCH_WARMUP_SECONDS ?? 2),
    scenarios: new Set(selected as Scenario[]),
    dist: resolve(env.BENCH_DIST ?? join(__dirname, '..', '..', 'dist')),
    outDir: resolve(env.BENCH_OUT_DIR ?? process.cwd()),
    honourRetryAfter: env.BENCH_HONOUR_RETRY_AFTER !== '0',
    cpuProfileDir: env.BENCH_CPU_PROF ? resolve(env.BENCH_CPU_PROF) : undefined,
    keepLog: env.BENCH_KEEP_LOG === '1',
    peers: cli.peers ?? env.BENCH_PEERS === '1',
    runs,
  };
}

/** The environment of the service under test: production rules, a fresh database, throttling out of reach. */
function serverEnvironment(db: BenchDatabase, metricsToken: string): NodeJS.ProcessEnv {
  return productionServerEnv(db, {
    IDENTSPHERE_METRICS_TOKEN: metricsToken,
    // Login throttling would otherwise turn most of the storm into 429s.
    IDENTSPHERE_LOGIN_MAX_FAILURES: '1000',
    IDENTSPHERE_IP_MAX_ATTEMPTS: '1000000000',
    IDENTSPHERE_IP_WINDOW: '1',
  });
}

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const opts = options(process.env, process.argv.slice(2));
  const entry = join(opts.dist, 'apps/identsphere/src/main.js');
  if (!existsSync(entry)) throw new Error(`no built service at ${entry}: run npm run build first (npm run bench does)`);
  if (opts.peers) ensurePeersInstalled(log); // before anything starts: a failed install should not cost a run
  const runs: BenchResults[] = [];
  for (let run = 1; run <= opts.runs; run++) {
    if (opts.runs > 1) log(`\n━━ run ${run} of ${opts.runs} ━━`);
    runs.push(await runOnce(opts, entry));
  }
  // Each field is the median of the runs' values (lib/medians.ts); the notes are the first run's.
  const results: BenchResults = opts.runs > 1 ? medianResults(runs) : runs[0];
  const report = markdownReport(results);
  writeFileSync(join(opts.outDir, 'bench-results.json'), JSON.stringify(opts.runs > 1 ? { ...results, eachRun: runs } : results, null, 2) + '\n');
  writeFileSync(join(opts.outDir, 'bench-results.md'), report);
  log('');
  log(report);
  log(`wrote ${join(opts.outDir, 'bench-results.json')} and bench-results.md`);
}

/** Field-by-field medians of several runs; the side-by-side ratios are each run's own, then their median. */
function medianResults(runs: readonly BenchResults[]): BenchResults {
  const merged = medianOfRuns(runs);
  const peers = merged.peers && { ...merged.peers, ratios: medianRows(runs.map((r) => r.peers?.ratios ?? [])) };
  return { ...merged, peers, runs: runs.length, notes: [`medians of ${runs.length} runs, field by field`, ...runs[0].notes] };
}

/** One whole run: a fresh database and server, every selected scenario, everything stopped and dropped. */
async function runOnce(opts: Options, entry: string): Promise<BenchResults> {
  const loadBefore = loadavg()[0];
  const backgroundCores = await backgroundBusyCores();
  const started = Date.now();
  const runId = randomBytes(4).toString('hex');
  const metricsToken = randomBytes(24).toString('base64url');
  const scenarios: BenchResults['scenarios'] = {};
  let peers: BenchResults['peers'];
  const notes: string[] = [
    opts.honourRetryAfter
      ? 'storm and signup clients honour Retry-After after a 503 (BENCH_HONOUR_RETRY_AFTER=0 retries at once)'
      : 'storm and signup clients retry at once after a 503, ignoring Retry-After (hostile clients)',
  ];
  if (backgroundCores > BUSY_CORES) notes.push(`other work kept ${backgroundCores.toFixed(2)} cores busy when the run started: treat the numbers as distorted`);

  const logDir = mkdtempSync(join(tmpdir(), 'identsphere-bench-'));
  let db: BenchDatabase | null = null;
  let server: ServerProcess | null = null;
  const cleanup = async () => {
    await server?.stop().catch(() => server?.killNow());
    await db?.drop().catch((e: Error) => log(`warning: could not drop ${db?.name}: ${e.message}`));
  };
  const onExit = () => server?.killNow();
  const onSignal = (signal: NodeJS.Signals) => {
    log(`\n${signal}: stopping the server and dropping the bench database…`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('exit', onExit);
  for (const signal of SIGNALS) process.once(signal, onSignal);

  try {
    db = await createBenchDatabase(opts.adminUrl);
    const env = serverEnvironment(db, metricsToken);
    const service = serviceFacts(opts.dist, env);
    log(`IdentSphere bench: ${opts.seconds} s per scenario, database ${db.name}, Argon2id m=${service.argon2.memoryKib} t=${service.argon2.iterations} p=${service.argon2.parallelism}`);
    log('login throttling is set out of reach for this run (IDENTSPHERE_LOGIN_MAX_FAILURES=1000, IDENTSPHERE_IP_MAX_ATTEMPTS=1e9): the storm measures hashing');

    if (opts.scenarios.has('hash-ceiling')) {
      log(`▶ hash-ceiling: ${availableParallelism()} hashes at a time, in-process, server not running`);
      scenarios.hashCeiling = await hashCeiling(service.argon2, availableParallelism(), opts.seconds);
    }
    if (opts.scenarios.has('embedded-default')) {
      log('▶ embedded-default: npm start with no configuration (embedded database, fresh data directory): boot time and idle RSS');
      scenarios.embeddedDefault = await embeddedDefault(entry, join(logDir, 'embedded.log'));
    }

    const needsServer = opts.peers || [...opts.scenarios].some((s) => s !== 'hash-ceiling' && s !== 'embedded-default');
    if (needsServer) {
      const logFile = join(logDir, 'server.log');
      log(`▶ starting the built service (${entry}); its log: ${logFile}`);
      server = await ServerProcess.start({ entry, env, port: await freePort(), logFile, cpuProfileDir: opts.cpuProfileDir });
      const setup = new BenchHttpClient(server.baseUrl, 8);
      // 64 storm accounts (their signup sessions later feed the me and refresh chains) and one for the probe.
      const accounts = await createAccounts(setup, runId, STORM_CLIENTS + 1, service.hashConcurrency + service.hashQueueMax);
      setup.close();
      const probeAccount = accounts.pop()!;
      let spares: string[] = [];

      if (opts.scenarios.has('login-storm')) {
        log(`▶ login-storm: ${STORM_CLIENTS} clients, half with wrong passwords, probing /health and refresh every 100 ms`);
        const { refreshTokens, ...storm } = await loginStorm({
          server, accounts, probeRefreshToken: probeAccount.refreshToken, seconds: opts.seconds, honourRetryAfter: opts.honourRetryAfter, metricsToken, db,
        });
        scenarios.loginStorm = storm;
        spares = refreshTokens;
        await sleep(1_000); // let refused clients' queues drain before the next scenario
      }
      if (opts.scenarios.has('me')) {
        log('▶ me: GET /v1/me at 32 connections');
        await warmUp(opts, () => me(server!.baseUrl, accounts, opts.warmupSeconds));
        scenarios.me = await withServerCpu(server, () => me(server!.baseUrl, accounts, opts.seconds));
      }
      if (opts.scenarios.has('refresh')) {
        log(`▶ refresh: ${REFRESH_CONNECTIONS} connections, one rotating session each`);
        const chains = refreshChains(accounts, spares);
        await warmUp(opts, () => refresh(server!.baseUrl, chains, opts.warmupSeconds));
        scenarios.refresh = await withServerCpu(server, () => refresh(server!.baseUrl, chains, opts.seconds));
      }
      if (opts.scenarios.has('signup')) {
        log('▶ signup: 16 clients creating accounts');
        scenarios.signup = await withRssPeak(server, () => signup(server!.baseUrl, runId, opts.seconds, opts.honourRetryAfter));
      }
      if (opts.peers) {
        peers = await comparePeers({
          ours: server, service, adminUrl: opts.adminUrl, runId, seconds: opts.seconds, warmupSeconds: opts.warmupSeconds, logDir, log,
        });
      }
      await server.stop();
      if (server.running === false && opts.cpuProfileDir) log(`CPU profile written to ${opts.cpuProfileDir}`);
    }

    // The request logs of a whole run are tens of MB; kept only on failure or when asked (BENCH_KEEP_LOG=1).
    if (opts.keepLog) log(`the services' logs: ${logDir}`);
    else rmSync(logDir, { recursive: true, force: true });
    return {
      startedAt: new Date(started).toISOString(),
      secondsPerScenario: opts.seconds,
      totalSeconds: (Date.now() - started) / 1000,
      machine: machineFacts(loadBefore, backgroundCores),
      service,
      scenarios,
      peers,
      runs: 1,
      notes,
    };
  } finally {
    await cleanup();
    process.removeListener('exit', onExit);
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

async function withRssPeak<T extends object>(server: ServerProcess, run: () => Promise<T>): Promise<T & { rssPeakMiB: number }> {
  const rss = new Sampler(() => server.rssMiB());
  const result = await run();
  const samples = rss.stop();
  return { ...result, rssPeakMiB: samples.length ? Math.max(...samples) : Number.NaN };
}

async function withServerCpu(server: ServerProcess, run: () => Promise<CannonResult>): Promise<CannonResult> {
  const before = server.cpuMs().process;
  const result = await withRssPeak(server, run);
  return { ...result, serverCpuMsPerRequest: (server.cpuMs().process - before) / result.latency.count };
}

async function warmUp(opts: Options, run: () => Promise<unknown>): Promise<void> {
  if (opts.warmupSeconds > 0) await run();
}

/** Each refresh connection rotates one account's signup session; storm sessions replace broken chains. */
function refreshChains(accounts: readonly Account[], spares: string[]) {
  const tokens = accounts.slice(0, REFRESH_CONNECTIONS).map((a) => a.refreshToken);
  return { tokens, spares: [...spares, ...accounts.slice(REFRESH_CONNECTIONS).map((a) => a.refreshToken)] };
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
