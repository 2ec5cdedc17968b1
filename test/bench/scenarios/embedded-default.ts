import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPERATOR_THREADPOOL_SIZE } from '../lib/bench-thread-pool';
import { sleep } from '../lib/http-client';
import { freePort, Sampler, ServerProcess } from '../lib/server';

export const IDLE_SECONDS = 10;

export interface EmbeddedDefaultResult {
  /** From spawning `node dist/apps/identsphere/src/main.js` to its first 200 on GET /health, in ms. */
  readonly bootMs: number;
  /** RSS after IDLE_SECONDS without requests, and the peak from boot through the idle period, in MiB. */
  readonly idleRssMiB: number;
  readonly peakRssMiB: number;
  readonly idleSeconds: number;
}

/**
 * The out-of-the-box experience, `npm start` with no configuration: no DATABASE_URL (the embedded
 * database), development defaults, a fresh data directory. Only PATH, PORT and the data directory reach it.
 */
export async function embeddedDefault(entry: string, logFile: string): Promise<EmbeddedDefaultResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'identsphere-bench-embedded-'));
  let server: ServerProcess | null = null;
  // The sampler starts once the process exists; RSS before its first sample is not seen.
  const boot: { rss?: Sampler } = {};
  try {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, UV_THREADPOOL_SIZE: OPERATOR_THREADPOOL_SIZE, IDENTSPHERE_DATA_DIR: dataDir };
    server = await ServerProcess.start({ entry, env, port: await freePort(), logFile, onSpawn: (s) => (boot.rss = new Sampler(() => s.rssMiB())) });
    await sleep(IDLE_SECONDS * 1000);
    const idleRssMiB = server.rssMiB();
    const samples = boot.rss?.stop() ?? [];
    return { bootMs: server.bootMs, idleRssMiB, peakRssMiB: Math.max(idleRssMiB, ...samples), idleSeconds: IDLE_SECONDS };
  } finally {
    boot.rss?.stop();
    await server?.stop().catch(() => server?.killNow());
    rmSync(dataDir, { recursive: true, force: true });
  }
}
