import { cpus } from 'node:os';
import type { AppConfig, Argon2Params } from '@identsphere/config';
import { CliIo } from '../cli/load-config-or-exit';
import { measureSingleHash, measureThroughput } from './argon2-timer';
import { cpuBudget } from './cpu-budget';
import { OWASP_FLOOR, suggestParameters } from './suggest-parameters';

export interface CalibrateOptions {
  /** Single-hash wall time to suggest parameters for, in ms. */
  readonly targetMs: number;
  /** Measurement time for the configured parameters, in seconds. */
  readonly seconds: number;
  /** Memory cap for suggested parameters, in MiB. */
  readonly maxMemoryMib: number;
  /**
   * Share of the hash ceiling that turns into logins once HTTP, the database and token signing take their
   * part (the issue-7 target, 0.85; `npm run bench` measures the real ratio).
   */
  readonly efficiency: number;
  readonly json: boolean;
}

export const DEFAULT_CALIBRATE_OPTIONS: CalibrateOptions = { targetMs: 50, seconds: 3, maxMemoryMib: 64, efficiency: 0.85, json: false };

const SEARCH_SECONDS = 1;
const params = (p: Argon2Params) => `m=${p.memoryKib} KiB (${(p.memoryKib / 1024).toFixed(0)} MiB) t=${p.iterations} p=${p.parallelism}`;
const fixed = (n: number, digits = 1) => n.toFixed(digits);

/**
 * Measures the configured Argon2id cost on this machine, suggests parameters for a target hash time
 * (never below the OWASP floor) and prints the logins/s per vCPU that the sizing doc's tiers quote.
 */
export async function calibrateCommand(config: AppConfig, options: CalibrateOptions, uvThreadpoolSize: number, io: CliIo): Promise<number> {
  const configured = config.passwords.argon2;
  const concurrency = config.passwords.hashConcurrency;
  const budget = cpuBudget();
  const say = options.json ? () => undefined : io.out;
  say(`IdentSphere Argon2id calibration on ${budget.cpuCount} CPU(s) (${cpus()[0]?.model.trim() ?? 'unknown CPU'})${budget.quota !== null ? `, cgroup quota ${fixed(budget.quota, 2)} vCPU` : ''}, Node ${process.versions.node}`);
  say(`configured: ${params(configured)}, hash concurrency ${concurrency}, UV_THREADPOOL_SIZE ${uvThreadpoolSize}`);

  const single = await measureSingleHash(configured, options.seconds);
  const parallel = await measureThroughput(configured, concurrency, options.seconds);
  const perVcpu = parallel.hashesPerSecond / budget.vcpus;
  const loginsPerVcpu = perVcpu * options.efficiency;
  say('');
  say(`one hash alone:          ${fixed(single.wallMs)} ms wall, ${fixed(single.cpuMs)} ms CPU (${single.samples} samples)`);
  say(`${concurrency} at a time:            ${fixed(parallel.hashesPerSecond)} hashes/s on ${fixed(budget.vcpus, 2)} vCPU`);
  say(`hash ceiling per vCPU:   ${fixed(perVcpu)} hashes/s`);
  say(`logins/s per vCPU:       ${fixed(loginsPerVcpu)}  (ceiling × ${options.efficiency}; quote this in docs/sizing.md)`);
  if (concurrency > Math.ceil(budget.vcpus)) say(`note: hash concurrency ${concurrency} exceeds the ${fixed(budget.vcpus, 2)} vCPU quota; IDENTSPHERE_HASH_CONCURRENCY=${Math.max(1, Math.ceil(budget.vcpus))} avoids oversubscribing it`);

  say('');
  say(`searching parameters for ${options.targetMs} ms per hash (OWASP floor m ≥ ${OWASP_FLOOR.memoryKib} KiB, t ≥ ${OWASP_FLOOR.iterations}; memory ≤ ${options.maxMemoryMib} MiB)…`);
  const suggestion = await suggestParameters(async (p) => (await measureSingleHash(p, SEARCH_SECONDS)).wallMs, {
    targetMs: options.targetMs,
    maxMemoryKib: options.maxMemoryMib * 1024,
  });
  const suggestedPerVcpu = (perVcpu * single.wallMs) / suggestion.measuredMs;
  say(`suggested: ${params(suggestion.params)}: ${fixed(suggestion.measuredMs)} ms per hash, about ${fixed(suggestedPerVcpu * options.efficiency)} logins/s per vCPU`);
  if (suggestion.floorExceedsTarget) say(`note: the OWASP floor alone takes longer than ${options.targetMs} ms here; never go below it`);
  say(`memory held while hashing: up to ${concurrency} × ${fixed(suggestion.params.memoryKib / 1024, 0)} MiB = ${fixed((concurrency * suggestion.params.memoryKib) / 1024, 0)} MiB`);
  say(`  IDENTSPHERE_ARGON2_MEMORY_KIB=${suggestion.params.memoryKib}`);
  say(`  IDENTSPHERE_ARGON2_ITERATIONS=${suggestion.params.iterations}`);
  say(`  IDENTSPHERE_ARGON2_PARALLELISM=${suggestion.params.parallelism}`);
  say('Stored hashes with older parameters are re-hashed at each user\'s next successful login.');

  if (options.json) {
    io.out(
      JSON.stringify({
        cpu: budget,
        configured: { params: configured, concurrency, uvThreadpoolSize, singleHash: single, hashesPerSecond: parallel.hashesPerSecond, hashesPerSecondPerVcpu: perVcpu, loginsPerSecondPerVcpu: loginsPerVcpu },
        efficiency: options.efficiency,
        suggestion: { targetMs: options.targetMs, ...suggestion, loginsPerSecondPerVcpu: suggestedPerVcpu * options.efficiency },
      }),
    );
  }
  return 0;
}
