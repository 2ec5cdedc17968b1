import { Algorithm, hash } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';

export interface Argon2Settings {
  readonly memoryKib: number;
  readonly iterations: number;
  readonly parallelism: number;
}

export interface HashCeilingResult {
  readonly concurrency: number;
  readonly hashes: number;
  readonly seconds: number;
  readonly hashesPerSecond: number;
  /** Process CPU time (all threads) per hash, in ms: the cost one login spends on hashing. */
  readonly cpuMsPerHash: number;
}

/**
 * The physical limit: the configured Argon2id parameters hashed in this process, `concurrency` at a time
 * (one per core) on the libuv pool, with nothing else running. The login storm is judged against it.
 */
export async function hashCeiling(params: Argon2Settings, concurrency: number, seconds: number): Promise<HashCeilingResult> {
  const options = { algorithm: Algorithm.Argon2id, memoryCost: params.memoryKib, timeCost: params.iterations, parallelism: params.parallelism };
  await hash('warm-up password', options);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let hashes = 0;
  const lane = async () => {
    while (performance.now() < deadline) {
      await hash(randomBytes(16).toString('base64url'), options);
      hashes++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { concurrency, hashes, seconds: elapsed, hashesPerSecond: hashes / elapsed, cpuMsPerHash: (cpu.user + cpu.system) / 1000 / hashes };
}
