import { hash } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Argon2Params } from '@identsphere/config';
import { argon2idOptions } from '@identsphere/crypto';

export interface SingleHashCost {
  /** Median wall time of one hash with nothing else hashing, in ms: what one login waits. */
  readonly wallMs: number;
  /** Process CPU time per hash, in ms: what one login costs the machine. */
  readonly cpuMs: number;
  readonly samples: number;
}

export interface Throughput {
  readonly concurrency: number;
  readonly hashesPerSecond: number;
}

const hashOnce = (params: Argon2Params) => hash(randomBytes(16).toString('base64url'), argon2idOptions(params));

/** Hashes one at a time for about `seconds` (at least 3 hashes) after one warm-up hash. */
export async function measureSingleHash(params: Argon2Params, seconds: number): Promise<SingleHashCost> {
  await hashOnce(params);
  const walls: number[] = [];
  const cpuBefore = process.cpuUsage();
  const deadline = performance.now() + seconds * 1000;
  while (walls.length < 3 || performance.now() < deadline) {
    const started = performance.now();
    await hashOnce(params);
    walls.push(performance.now() - started);
  }
  const cpu = process.cpuUsage(cpuBefore);
  walls.sort((a, b) => a - b);
  return { wallMs: walls[Math.floor(walls.length / 2)], cpuMs: (cpu.user + cpu.system) / 1000 / walls.length, samples: walls.length };
}

/** `concurrency` hashes in flight at once (as the hash gate allows) for about `seconds`. */
export async function measureThroughput(params: Argon2Params, concurrency: number, seconds: number): Promise<Throughput> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let hashes = 0;
  const lane = async () => {
    while (performance.now() < deadline) {
      await hashOnce(params);
      hashes++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { concurrency, hashesPerSecond: hashes / ((performance.now() - started) / 1000) };
}
