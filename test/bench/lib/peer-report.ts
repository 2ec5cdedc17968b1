import { num } from './format';
import { median } from './medians';
import type { SideBySideResult, SignInResult, ThroughputResult } from '../scenarios/side-by-side';
import type { ServiceName } from './targets';

export type Better = 'higher' | 'lower';

/** One measurement across the three services, with ours ÷ theirs. */
export interface PeerRow {
  readonly scenario: string;
  readonly metric: string;
  readonly better: Better;
  readonly values: Readonly<Record<ServiceName, number>>;
  /** Ours ÷ naive and ours ÷ Better Auth; NaN where either side was not measured. */
  readonly vsNaive: number;
  readonly vsBetterAuth: number;
}

export type PeerResults = Partial<Record<ServiceName, SideBySideResult>>;

/** ours ÷ theirs, NaN unless both are finite and theirs is not zero. */
export function ratio(ours: number, theirs: number): number {
  return Number.isFinite(ours) && Number.isFinite(theirs) && theirs !== 0 ? ours / theirs : Number.NaN;
}

/** Whether a ratio means we lead: above 1 where higher is better, below 1 where lower is better. */
export function leads(value: number, better: Better): boolean | null {
  if (!Number.isFinite(value)) return null;
  return better === 'higher' ? value >= 1 : value <= 1;
}

type Pick = (r: SideBySideResult) => number | undefined;

const perRequestCpu = (t: ThroughputResult | undefined) => (t ? t.cpuMs.process / t.latency.count : undefined);
const rssPeak = (r: SideBySideResult) => {
  const peaks = [r.noop, r.me, r.refresh, r.polite, r.hostile].map((s) => s?.rssPeakMiB).filter((v): v is number => Number.isFinite(v));
  return peaks.length ? Math.max(...peaks) : undefined;
};
const probeP99 = (s: SignInResult | undefined, which: 'health' | 'me') => s?.probes?.[which].p99;

const METRICS: readonly { scenario: string; metric: string; better: Better; pick: Pick }[] = [
  { scenario: 'noop', metric: 'req/s (32 connections)', better: 'higher', pick: (r) => r.noop?.requestsPerSecond },
  { scenario: 'noop', metric: 'p99 ms', better: 'lower', pick: (r) => r.noop?.latency.p99 },
  { scenario: 'noop', metric: 'server CPU ms per request', better: 'lower', pick: (r) => perRequestCpu(r.noop) },
  { scenario: 'me', metric: 'req/s (32 connections)', better: 'higher', pick: (r) => r.me?.requestsPerSecond },
  { scenario: 'me', metric: 'p99 ms', better: 'lower', pick: (r) => r.me?.latency.p99 },
  { scenario: 'me', metric: 'server CPU ms per request', better: 'lower', pick: (r) => perRequestCpu(r.me) },
  { scenario: 'refresh', metric: 'rotations/s (32 connections)', better: 'higher', pick: (r) => r.refresh?.requestsPerSecond },
  { scenario: 'refresh', metric: 'p99 ms', better: 'lower', pick: (r) => r.refresh?.latency.p99 },
  { scenario: 'polite sign-in', metric: 'successful sign-ins/s (8 clients, honour Retry-After)', better: 'higher', pick: (r) => r.polite?.okPerSecond },
  { scenario: 'polite sign-in', metric: 'p99 ms (200)', better: 'lower', pick: (r) => r.polite?.ok.p99 },
  { scenario: 'hostile storm', metric: 'successful sign-ins/s (64 clients, retry at once)', better: 'higher', pick: (r) => r.hostile?.okPerSecond },
  { scenario: 'hostile storm', metric: 'authenticated probe (me) p99 ms', better: 'lower', pick: (r) => probeP99(r.hostile, 'me') },
  { scenario: 'hostile storm', metric: 'health probe p99 ms', better: 'lower', pick: (r) => probeP99(r.hostile, 'health') },
  { scenario: 'hostile storm', metric: 'slowest answer ms', better: 'lower', pick: (r) => r.hostile?.maxMs },
  { scenario: 'all', metric: 'RSS peak MiB', better: 'lower', pick: rssPeak },
];

export function peerRows(results: PeerResults): PeerRow[] {
  const valueOf = (name: ServiceName, pick: Pick) => {
    const r = results[name];
    const v = r ? pick(r) : undefined;
    return v === undefined ? Number.NaN : v;
  };
  return METRICS.map(({ scenario, metric, better, pick }) => {
    const values = { identsphere: valueOf('identsphere', pick), naive: valueOf('naive', pick), 'better-auth': valueOf('better-auth', pick) };
    return { scenario, metric, better, values, vsNaive: ratio(values.identsphere, values.naive), vsBetterAuth: ratio(values.identsphere, values['better-auth']) };
  });
}

/**
 * Several runs' rows (`--runs`): each value the median of the runs' values, each ratio the median of the
 * ratios taken within each run (a ratio is judged within one run, where both sides shared the same load).
 */
export function medianRows(runs: readonly (readonly PeerRow[])[]): PeerRow[] {
  if (runs.length === 0) return [];
  return runs[0].map((first, i) => {
    const same = runs.map((rows) => rows[i]);
    const of = (pick: (r: PeerRow) => number) => median(same.map(pick));
    return {
      ...first,
      values: { identsphere: of((r) => r.values.identsphere), naive: of((r) => r.values.naive), 'better-auth': of((r) => r.values['better-auth']) },
      vsNaive: of((r) => r.vsNaive),
      vsBetterAuth: of((r) => r.vsBetterAuth),
    };
  });
}

const ratioCell = (value: number, better: Better) => {
  const lead = leads(value, better);
  return lead === null ? '—' : `${num(value)} ${lead ? '✓' : '✗'}`;
};

/** Markdown: one row per measurement, ratios ours ÷ theirs, ✓ where we lead (≥ 1 for rates, ≤ 1 for costs). */
export function peerTable(rows: readonly PeerRow[]): string {
  const lines = [
    '| scenario | metric | better | IdentSphere | naive | Better Auth | ours ÷ naive | ours ÷ Better Auth |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const cells = [r.scenario, r.metric, r.better, num(r.values.identsphere), num(r.values.naive), num(r.values['better-auth']), ratioCell(r.vsNaive, r.better), ratioCell(r.vsBetterAuth, r.better)];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
