import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { MachineFacts, ServiceFacts } from './results';

/**
 * Cores busy with other work right now, from /proc/stat over `ms` (Linux; NaN elsewhere). Taken before the
 * bench starts anything, it tells whether the numbers will be distorted, unlike the load average, which
 * still remembers the previous run for minutes.
 */
export async function backgroundBusyCores(ms = 1_000): Promise<number> {
  const read = () => {
    try {
      const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
      const idle = fields[3] + (fields[4] ?? 0); // idle + iowait
      return { total: fields.reduce((a, b) => a + b, 0), idle };
    } catch {
      return null;
    }
  };
  const before = read();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = read();
  if (!before || !after || after.total === before.total) return Number.NaN;
  return (availableParallelism() * (after.total - before.total - (after.idle - before.idle))) / (after.total - before.total);
}

export function machineFacts(loadBefore: number, backgroundCores: number): MachineFacts {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cgroupCpuMax: readOrNull('/sys/fs/cgroup/cpu.max'),
    memoryGiB: totalmem() / 2 ** 30,
    node: process.versions.node,
    platform: `${process.platform}/${process.arch}`,
    loadAverage: { before: loadBefore, after: loadavg()[0] },
    backgroundBusyCores: backgroundCores,
  };
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

interface LoadedConfig {
  readonly nodeEnv: string;
  readonly tokens: { readonly algorithm: string };
  readonly passwords: { readonly argon2: ServiceFacts['argon2']; readonly hashConcurrency: number; readonly hashQueueMax: number };
  readonly throttling: ServiceFacts['throttling'];
  readonly observability: { readonly logLevel: string };
}

/**
 * What the service will run with, computed by the built service's own config loader and thread-pool
 * sizing from the environment the bench gives it, so the report cannot drift from the service's defaults.
 */
export function serviceFacts(dist: string, env: NodeJS.ProcessEnv): ServiceFacts {
  /* eslint-disable @typescript-eslint/no-require-imports -- the built service lives in a directory known
     only at run time, and this report is synchronous */
  require('reflect-metadata');
  const { loadConfig } = require(join(dist, 'libs/config/src/index.js')) as { loadConfig: (env: NodeJS.ProcessEnv, o: object) => LoadedConfig };
  const { sizeLibuvThreadPool } = require(join(dist, 'apps/identsphere/src/thread-pool.js')) as { sizeLibuvThreadPool: (c: LoadedConfig, env: NodeJS.ProcessEnv) => number };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const config = loadConfig(env, { warn: () => undefined });
  return {
    nodeEnv: config.nodeEnv,
    argon2: config.passwords.argon2,
    hashConcurrency: config.passwords.hashConcurrency,
    hashQueueMax: config.passwords.hashQueueMax,
    uvThreadpoolSize: sizeLibuvThreadPool(config, { ...env }),
    jwtAlgorithm: config.tokens.algorithm,
    logLevel: config.observability.logLevel,
    throttling: config.throttling,
  };
}
