import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export interface CpuBudget {
  /** CPUs the process may use: the cgroup quota when one is set (Fargate, Cloud Run), else the CPU count. */
  readonly vcpus: number;
  readonly cpuCount: number;
  /** The cgroup v2 quota in CPUs, or null when unlimited or unreadable. */
  readonly quota: number | null;
}

/** Parses cgroup v2 `cpu.max` ("<quota> <period>" or "max <period>") into CPUs; null when unlimited. */
export function parseCpuMax(text: string): number | null {
  const [quota, period] = text.trim().split(/\s+/);
  const q = Number(quota);
  const p = Number(period);
  return quota === 'max' || !(q > 0) || !(p > 0) ? null : q / p;
}

export function cpuBudget(readCpuMax: () => string | null = readCgroupCpuMax, cpuCount = availableParallelism()): CpuBudget {
  const text = readCpuMax();
  const quota = text === null ? null : parseCpuMax(text);
  return { vcpus: quota === null ? cpuCount : Math.min(cpuCount, quota), cpuCount, quota };
}

function readCgroupCpuMax(): string | null {
  try {
    return readFileSync('/sys/fs/cgroup/cpu.max', 'utf8');
  } catch {
    return null;
  }
}
