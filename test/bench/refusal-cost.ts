/**
 * What a refused login costs the server (issue 15: at most 0.1 ms of CPU): the built service runs with one
 * hash slot and no queue, and slow Argon2 parameters, so the gate stays full while wrk floods
 * POST /v1/auth/login. The server's event-loop thread CPU (/proc) over the requests answered is
 * the cost of a refusal (the few admitted logins hash on the libuv pool; their event-loop work is included,
 * so the figure is an upper bound).
 *
 * Run: npm run build && tsc -p test/bench/tsconfig.json && node dist/bench/refusal-cost.js
 * (BENCH_DATABASE_URL as for the bench; BENCH_DIST for another build; REFUSAL_SECONDS, default 5).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createBenchDatabase } from './lib/database';
import { sleep } from './lib/http-client';
import { freePort, ServerProcess } from './lib/server';
import { productionServerEnv } from './lib/server-env';

const LOGIN_BODY = JSON.stringify({ email: 'nobody-refusal-bench@example.com', password: 'a-long-enough-password-42' });

async function main(): Promise<void> {
  const seconds = Number(process.env.REFUSAL_SECONDS ?? 5);
  const dist = resolve(process.env.BENCH_DIST ?? join(__dirname, '..', '..', 'dist'));
  const db = await createBenchDatabase(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const dir = mkdtempSync(join(tmpdir(), 'identsphere-refusal-'));
  let server: ServerProcess | null = null;
  try {
    const env = productionServerEnv(db, {
      IDENTSPHERE_HASH_CONCURRENCY: '1',
      IDENTSPHERE_HASH_QUEUE_MAX: '0',
      // About half a second a hash: whenever a slot frees, the next request of the flood takes it, so the
      // gate stays full but for moments, and only a handful of the flood's requests are admitted.
      IDENTSPHERE_ARGON2_MEMORY_KIB: '65536',
      IDENTSPHERE_ARGON2_ITERATIONS: '20',
      IDENTSPHERE_IP_MAX_ATTEMPTS: '1000000000',
      IDENTSPHERE_LOG_LEVEL: 'info',
    });
    server = await ServerProcess.start({ entry: join(dist, 'apps/identsphere/src/main.js'), env, port: await freePort(), logFile: join(dir, 'server.log') });
    const url = new URL('/v1/auth/login', server.baseUrl).href;
    // The first login takes the only slot; from then on the flood keeps it taken.
    void fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: LOGIN_BODY }).catch(() => undefined);
    await sleep(300);
    const script = join(dir, 'post.lua');
    writeFileSync(script, `wrk.method = "POST"\nwrk.body = '${LOGIN_BODY}'\nwrk.headers["Content-Type"] = "application/json"\n`);
    const before = server.cpuMs();
    const wrk = spawnSync('wrk', ['-t1', '-c16', `-d${seconds}s`, '-s', script, url], { encoding: 'utf8' });
    const after = server.cpuMs();
    if (wrk.status !== 0) throw new Error(`wrk failed: ${wrk.stderr}`);
    const requests = Number(/(\d+) requests in/.exec(wrk.stdout)?.[1] ?? Number.NaN);
    const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(wrk.stdout)?.[1] ?? 0);
    const perRequest = (ms: number) => (ms / requests).toFixed(4);
    console.log(`refused logins: ${non2xx} of ${requests} answers in ${seconds} s (${(requests / seconds).toFixed(0)}/s)`);
    console.log(`server CPU per answer: event loop ${perRequest(after.mainThread - before.mainThread)} ms, whole process ${perRequest(after.process - before.process)} ms`);
  } finally {
    await server?.stop();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exitCode = 1;
});
