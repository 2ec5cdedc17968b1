import { leads, medianRows, peerRows, peerTable, ratio } from './peer-report';
import type { SideBySideResult, SignInResult, ThroughputResult } from '../scenarios/side-by-side';
import { sessionCookieOf } from './targets';

const latency = (p99: number, count = 1000) => ({ count, p50: p99 / 2, p99, max: p99 * 2 });
const cost = (rssPeakMiB: number, processMs: number) => ({ rssPeakMiB, cpuMs: { process: processMs, eventLoop: processMs / 2 } });
const throughput = (rps: number, p99: number, rss = 100): ThroughputResult => ({
  connections: 32, seconds: 10, requestsPerSecond: rps, latency: latency(p99), statuses: { '200': 1000 }, errors: 0, timeouts: 0, ...cost(rss, 500),
});
const signIn = (ok: number, probes?: { me: number; health: number }, rss = 150): SignInResult => ({
  clients: 64, seconds: 10, honourRetryAfter: false, okPerSecond: ok, refusedPerSecond: 0, statuses: { '200': ok * 10 }, ok: latency(100),
  unexpected: 0, slowerThan2s: 0, maxMs: 500, ...cost(rss, 1000),
  probes: probes && { health: { ...latency(probes.health), statuses: {} }, me: { ...latency(probes.me), statuses: {} } },
});

const ours: SideBySideResult = { noop: throughput(6000, 10), me: throughput(2600, 30), refresh: throughput(1300, 50), polite: signIn(70), hostile: signIn(110, { me: 40, health: 20 }, 300) };
const naive: SideBySideResult = { noop: throughput(5000, 12), me: throughput(1200, 60), refresh: throughput(900, 70), polite: signIn(32), hostile: signIn(30, { me: 90, health: 10 }) };
const betterAuth: SideBySideResult = { noop: throughput(5500, 11), me: throughput(800, 80), polite: signIn(9), hostile: signIn(8, { me: 9000, health: 200 }) };

const rowOf = (metric: string, scenario: string) => peerRows({ identsphere: ours, naive, 'better-auth': betterAuth }).find((r) => r.scenario === scenario && r.metric.startsWith(metric))!;

describe('side-by-side ratios', () => {
  it('divides ours by theirs, NaN where either is missing or theirs is zero', () => {
    expect(ratio(6000, 5000)).toBeCloseTo(1.2);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(NaN, 1)).toBeNaN();
  });

  it('leads above 1 for rates and below 1 for latencies and costs', () => {
    expect(leads(1.2, 'higher')).toBe(true);
    expect(leads(0.9, 'higher')).toBe(false);
    expect(leads(0.9, 'lower')).toBe(true);
    expect(leads(NaN, 'lower')).toBeNull();
  });

  it('compares every scenario across the three services', () => {
    const noop = rowOf('req/s', 'noop');
    expect(noop.values).toEqual({ identsphere: 6000, naive: 5000, 'better-auth': 5500 });
    expect(noop.vsNaive).toBeCloseTo(1.2);
    expect(rowOf('successful sign-ins/s', 'hostile storm').vsNaive).toBeCloseTo(110 / 30);
    expect(rowOf('authenticated probe', 'hostile storm').vsBetterAuth).toBeCloseTo(40 / 9000);
    expect(rowOf('health probe', 'hostile storm').vsNaive).toBe(2);
    expect(rowOf('server CPU ms per request', 'me').values.identsphere).toBeCloseTo(0.5);
    expect(rowOf('RSS peak', 'all').values).toEqual({ identsphere: 300, naive: 150, 'better-auth': 150 });
  });

  it('leaves Better Auth’s refresh unmeasured rather than zero', () => {
    const row = rowOf('rotations/s', 'refresh');
    expect(row.values['better-auth']).toBeNaN();
    expect(row.vsBetterAuth).toBeNaN();
    expect(row.vsNaive).toBeCloseTo(1300 / 900);
  });

  it('marks where we lead and where we trail in the table', () => {
    const table = peerTable(peerRows({ identsphere: ours, naive, 'better-auth': betterAuth }));
    expect(table).toContain('| noop | req/s (32 connections) | higher | 6,000 | 5,000 | 5,500 | 1.20 ✓ | 1.09 ✓ |');
    expect(table).toContain('| hostile storm | health probe p99 ms | lower | 20.0 | 10.0 | 200 | 2.00 ✗ | 0.10 ✓ |');
    expect(table).toContain('| refresh | rotations/s (32 connections) | higher | 1,300 | 900 | n/a | 1.44 ✓ | — |');
  });

  it('has no values for a service that did not run', () => {
    expect(peerRows({ identsphere: ours }).every((r) => Number.isNaN(r.vsNaive) && Number.isNaN(r.vsBetterAuth))).toBe(true);
  });
});

describe('side-by-side ratios over several runs', () => {
  it('takes the median of each run’s own ratio, not the ratio of the medians', () => {
    const run = (oursRps: number, naiveRps: number) => peerRows({ identsphere: { noop: throughput(oursRps, 10) }, naive: { noop: throughput(naiveRps, 10) } });
    // Ratios 2.0, 1.0, 1.5 → 1.5; the ratio of the medians (2000 / 2000) would be 1.0.
    const [noop] = medianRows([run(2000, 1000), run(1000, 1000), run(3000, 2000)]);
    expect(noop.values.identsphere).toBe(2000);
    expect(noop.values.naive).toBe(1000);
    expect(noop.vsNaive).toBeCloseTo(1.5);
    expect(noop.vsBetterAuth).toBeNaN();
    expect(medianRows([])).toEqual([]);
  });
});

describe('Better Auth session cookie', () => {
  it('takes name=value of the session cookie among others', () => {
    const headers = { 'set-cookie': ['other=1; Path=/', 'better-auth.session_token=abc.def%3D; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax'] };
    expect(sessionCookieOf({ headers })).toBe('better-auth.session_token=abc.def%3D');
    expect(sessionCookieOf({ headers: { 'set-cookie': '__Secure-better-auth.session_token=x; Secure' } })).toBe('__Secure-better-auth.session_token=x');
  });

  it('refuses an answer without one', () => {
    expect(() => sessionCookieOf({ headers: {} })).toThrow(/session cookie/);
  });
});
