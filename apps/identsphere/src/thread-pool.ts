import type { AppConfig } from '@identsphere/config';

// Threads beyond the hash slots: pg's SCRAM handshake, fs and dns also run on the libuv pool, and must
// not queue behind Argon2 during a login storm.
const SPARE_THREADS = 2;

/**
 * Sizes the libuv pool to the hash gate. Must run before anything first uses the pool (libuv reads the
 * variable once, at first use); an operator's explicit UV_THREADPOOL_SIZE wins.
 */
export function sizeLibuvThreadPool(config: AppConfig, env: NodeJS.ProcessEnv = process.env): number {
  env.UV_THREADPOOL_SIZE ??= String(config.passwords.hashConcurrency + SPARE_THREADS);
  return Number(env.UV_THREADPOOL_SIZE);
}
