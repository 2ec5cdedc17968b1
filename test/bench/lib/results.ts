import type { CannonResult } from './cannon';
import type { HashCeilingResult } from '../scenarios/hash-ceiling';
import type { LoginStormResult } from '../scenarios/login-storm';
import type { SignupResult } from '../scenarios/signup';
import type { EmbeddedDefaultResult } from '../scenarios/embedded-default';
import type { PeerResults, PeerRow } from './peer-report';
import type { RefusalCost } from './refusal-cost';

export interface MachineFacts {
  readonly cores: number;
  readonly cpuModel: string;
  /** cgroup v2 cpu.max ("max 100000" = unlimited), when readable. */
  readonly cgroupCpuMax: string | null;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  /** 1-minute load average before and after the run: a busy machine distorts every number. */
  readonly loadAverage: { readonly before: number; readonly after: number };
  /** Cores busy with other work during one second before the run (see backgroundBusyCores). */
  readonly backgroundBusyCores: number;
}

export interface ServiceFacts {
  readonly nodeEnv: string;
  readonly argon2: { readonly memoryKib: number; readonly iterations: number; readonly parallelism: number };
  readonly hashConcurrency: number;
  readonly hashQueueMax: number;
  readonly uvThreadpoolSize: number;
  readonly jwtAlgorithm: string;
  readonly logLevel: string;
  /** Login throttling is set out of reach so the storm measures hashing, not the login throttles. */
  readonly throttling: { readonly loginMaxFailures: number; readonly ipMaxAttempts: number; readonly ipWindowSeconds: number };
}

export interface BenchResults {
  readonly startedAt: string;
  readonly secondsPerScenario: number;
  readonly totalSeconds: number;
  readonly machine: MachineFacts;
  readonly service: ServiceFacts;
  readonly scenarios: {
    hashCeiling?: HashCeilingResult;
    loginStorm?: Omit<LoginStormResult, 'refreshTokens'>;
    me?: CannonResult;
    refresh?: CannonResult;
    signup?: SignupResult;
    /** `npm start` with no configuration: boot time to the first 200 /health and idle RSS. */
    embeddedDefault?: EmbeddedDefaultResult;
  };
  /** `--peers`: the same scenarios against IdentSphere and the reference services, in the same run. */
  peers?: {
    /** Accounts signed up in each service. */
    readonly accounts: number;
    readonly services: PeerResults;
    /** Ours ÷ theirs per scenario (with --runs, the median of each run's own ratio). */
    readonly ratios: readonly PeerRow[];
    /** Ours: event-loop CPU of an answered and of a refused login, from the polite and hostile sign-ins. */
    readonly refusalCost: RefusalCost;
  };
  /** How many runs the numbers are the medians of (`--runs`). */
  readonly runs: number;
  readonly notes: readonly string[];
}
