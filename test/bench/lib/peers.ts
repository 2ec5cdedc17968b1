import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OPERATOR_THREADPOOL_SIZE } from './bench-thread-pool';
import { BenchDatabase, createBenchDatabase } from './database';
import type { Argon2Settings } from '../scenarios/hash-ceiling';
import { freePort, ServerProcess } from './server';

/**
 * The reference services' npm project (test/bench/peers): separate from the root tree, whose jest setup
 * conflicts with Better Auth's optional peer dependencies. dist/bench/lib → the sources' test/bench/peers.
 */
export const PEERS_DIR = resolve(process.env.BENCH_PEERS_DIR ?? join(__dirname, '..', '..', '..', 'test', 'bench', 'peers'));

/** Installs the peers' locked dependencies on first use (`npm ci --prefix test/bench/peers`). */
export function ensurePeersInstalled(log: (line: string) => void): void {
  if (!existsSync(join(PEERS_DIR, 'package-lock.json'))) throw new Error(`no reference services at ${PEERS_DIR} (BENCH_PEERS_DIR)`);
  if (existsSync(join(PEERS_DIR, 'node_modules', 'better-auth', 'package.json'))) return;
  log(`installing the reference services' dependencies: npm ci --prefix ${PEERS_DIR}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--prefix', PEERS_DIR, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm ci --prefix ${PEERS_DIR} failed (status ${result.status})`);
}

export interface PeerProcess {
  readonly server: ServerProcess;
  readonly db: BenchDatabase;
}

interface PeerStart {
  readonly adminUrl: string;
  readonly logFile: string;
}

/** The naive Express service on its own database, hashing with the service's own Argon2id parameters. */
export function startNaive(start: PeerStart, argon2: Argon2Settings): Promise<PeerProcess> {
  return startPeer('naive', start, {
    JWT_SECRET: randomBytes(48).toString('base64url'),
    ARGON2_MEMORY_KIB: String(argon2.memoryKib),
    ARGON2_ITERATIONS: String(argon2.iterations),
    ARGON2_PARALLELISM: String(argon2.parallelism),
  });
}

export function startBetterAuth(start: PeerStart): Promise<PeerProcess> {
  return startPeer('better-auth', start, { BETTER_AUTH_SECRET: randomBytes(48).toString('base64url') });
}

async function startPeer(name: 'naive' | 'better-auth', start: PeerStart, extra: NodeJS.ProcessEnv): Promise<PeerProcess> {
  const db = await createBenchDatabase(start.adminUrl, name.replace('-', '_'));
  try {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, NODE_ENV: 'production', UV_THREADPOOL_SIZE: OPERATOR_THREADPOOL_SIZE, DATABASE_URL: db.url, ...extra };
    const server = await ServerProcess.start({
      entry: join(PEERS_DIR, name, 'server.mjs'),
      env,
      port: await freePort(),
      logFile: start.logFile,
      readyPath: '/health/live',
    });
    return { server, db };
  } catch (error) {
    await db.drop();
    throw error;
  }
}
