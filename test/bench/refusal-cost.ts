/**
 * What a refused login costs the server (issue 15: at most 0.1 ms of CPU). The built service runs with one
 * hash slot, no queue and slow Argon2 parameters, so the gate stays full while wrk floods
 * POST /v1/auth/login: nearly every answer is the early 503 `overloaded`. The server's event-loop thread
 * CPU (/proc, user and kernel apart) over the answers is the cost of a refusal (the few admitted logins hash
 * on the libuv pool; their event-loop work is included, so it is an upper bound).
 *
 * The same flood against a bare node:http server answering the same 503 body gives the floor any Node
 * service pays per answer on this machine at this moment (parsing, socket reads and writes): on a busy
 * machine the kernel part swells for both, so compare the two, measured in the same run.
 *
 * Run: npm run build && tsc -p test/bench/tsconfig.json && node dist/bench/refusal-cost.js
 * (BENCH_DATABASE_URL as for the bench; BENCH_DIST for another build; REFUSAL_SECONDS, default 5;
 * BENCH_CPU_PROF=<dir> writes the service's CPU profile there, for profile-summary.js).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createBenchDatabase } from './lib/database';
import { sleep } from './lib/http-client';
import { freePort, ServerProcess } from './lib/server';
import { productionServerEnv } from './lib/server-env';

const LOGIN_BODY = JSON.stringify({ email: 'nobody-refusal-bench@example.com', password: 'a-long-enough-password-42' });
const BARE_SERVER = `
const body = JSON.stringify({ type: 'urn:identsphere:problem:overloaded', title: 'Overloaded', status: 503,
  detail: 'Too many password checks in progress; try again shortly.', code: 'overloaded', requestId: crypto.randomUUID() });
require('node:http').createServer((req, res) => {
  res.writeHead(503, { 'content-type': 'application/problem+json; charset=utf-8', 'retry-after': '1', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1');`;

interface Flood {
  readonly answers: number;
  readonly non2xx: number;
  /** Event-loop thread CPU per answer, ms: in user space (JavaScript, V8, libuv) and in the kernel (sockets). */
  readonly userMs: number;
  readonly kernelMs: number;
}

/** utime and stime of the process's main thread, in ms. */
function mainThreadCpu(pid: number): { user: number; kernel: number } {
  const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const tick = 1000 / 100; // USER_HZ
  return { user: Number(fields[11]) * tick, kernel: Number(fields[12]) * tick };
}

function flood(pid: number, url: string, seconds: number, script: string): Flood {
  const before = mainThreadCpu(pid);
  const wrk = spawnSync('wrk', ['-t1', '-c16', `-d${seconds}s`, '-s', script, url], { encoding: 'utf8' });
  const after = mainThreadCpu(pid);
  if (wrk.status !== 0) throw new Error(`wrk failed: ${wrk.stderr}`);
  if (process.env.REFUSAL_VERBOSE) console.log(wrk.stdout);
  const answers = Number(/(\d+) requests in/.exec(wrk.stdout)?.[1] ?? Number.NaN);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(wrk.stdout)?.[1] ?? 0);
  return { answers, non2xx, userMs: (after.user - before.user) / answers, kernelMs: (after.kernel - before.kernel) / answers };
}

const line = (name: string, f: Flood, seconds: number) =>
  `${name}: ${f.answers} answers (${(f.answers / seconds).toFixed(0)}/s, ${f.non2xx} of them 503); event-loop CPU per answer ` +
  `${(f.userMs + f.kernelMs).toFixed(3)} ms = ${f.userMs.toFixed(3)} user + ${f.kernelMs.toFixed(3)} kernel`;

async function main(): Promise<void> {
  const seconds = Number(process.env.REFUSAL_SECONDS ?? 5);
  const dist = resolve(process.env.BENCH_DIST ?? join(__dirname, '..', '..', 'dist'));
  const db = await createBenchDatabase(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const dir = mkdtempSync(join(tmpdir(), 'identsphere-refusal-'));
  const script = join(dir, 'post.lua');
  // A new unknown email per request: no account's failure streak locks (a locked account answers 429 without
  // hashing, which would empty the gate and turn the flood into ordinary, dearer refusals).
  writeFileSync(
    script,
    [
      'wrk.method = "POST"',
      'wrk.headers["Content-Type"] = "application/json"',
      'counter = 0',
      'request = function()',
      '  counter = counter + 1',
      `  return wrk.format(nil, nil, nil, '{"email":"nobody-' .. counter .. '@example.com","password":"a-long-enough-password-42"}')`,
      'end',
    ].join('\n'),
  );
  let server: ServerProcess | null = null;
  const barePort = await freePort();
  const bare = spawn(process.execPath, ['-e', BARE_SERVER], { env: { PORT: String(barePort) }, stdio: 'ignore' });
  try {
    const env = productionServerEnv(db, {
      IDENTSPHERE_HASH_CONCURRENCY: '1',
      IDENTSPHERE_HASH_QUEUE_MAX: '0',
      // About half a second a hash: whenever the slot frees, the next request of the flood takes it, so the
      // gate stays full but for moments and only a handful of the flood's requests are admitted.
      IDENTSPHERE_ARGON2_MEMORY_KIB: '65536',
      IDENTSPHERE_ARGON2_ITERATIONS: '20',
      IDENTSPHERE_IP_MAX_ATTEMPTS: '1000000000',
      IDENTSPHERE_LOG_LEVEL: 'info',
    });
    server = await ServerProcess.start({ entry: join(dist, 'apps/identsphere/src/main.js'), env, port: await freePort(), logFile: join(dir, 'server.log'), cpuProfileDir: process.env.BENCH_CPU_PROF });
    const url = new URL('/v1/auth/login', server.baseUrl).href;
    // The first login takes the only slot; from then on the flood keeps it taken.
    void fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: LOGIN_BODY }).catch(() => undefined);
    await sleep(300);
    const bareUrl = `http://127.0.0.1:${barePort}/v1/auth/login`;
    // Unmeasured warm-ups: the first refusal takes the middleware, and V8 optimises the hot path.
    flood(server.pid, url, 2, script);
    const ours = flood(server.pid, url, seconds, script);
    flood(bare.pid!, bareUrl, 2, script);
    const floor = flood(bare.pid!, bareUrl, seconds, script);
    console.log(line('identsphere, gate full', ours, seconds));
    console.log(line('bare node:http, same 503', floor, seconds));
    console.log(`refusal cost above the bare floor: ${(ours.userMs + ours.kernelMs - floor.userMs - floor.kernelMs).toFixed(3)} ms per answer`);
  } finally {
    bare.kill();
    await server?.stop();
    await db.drop();
    if (process.env.BENCH_KEEP_LOG) console.log(`server log kept: ${join(dir, "server.log")}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exitCode = 1;
});
