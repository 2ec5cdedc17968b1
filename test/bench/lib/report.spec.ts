import { buildRows, markdownReport, markdownTable, num } from './report';
import type { BenchResults } from './results';
import { eventLoopDelayOf, parsePrometheusText } from './server-metrics';

const latency = (p50: number, p99: number, max: number) => ({ count: 100, p50, p99, max });

function results(overrides: Partial<BenchResults['scenarios']> = {}): BenchResults {
  return {
    startedAt: '2026-01-01T00:00:00.000Z',
    secondsPerScenario: 15,
    totalSeconds: 100,
    machine: { cores: 2, cpuModel: 'Test CPU', cgroupCpuMax: null, memoryGiB: 8, node: '20.20.0', platform: 'linux/x64', loadAverage: { before: 0.1, after: 1.9 }, backgroundBusyCores: 0.05 },
    service: {
      nodeEnv: 'production',
      argon2: { memoryKib: 19456, iterations: 2, parallelism: 1 },
      hashConcurrency: 2,
      hashQueueMax: 8,
      uvThreadpoolSize: 4,
      jwtAlgorithm: 'ES256',
      logLevel: 'info',
      throttling: { loginMaxFailures: 1000, ipMaxAttempts: 1e9, ipWindowSeconds: 1 },
    },
    scenarios: {
      hashCeiling: { concurrency: 2, hashes: 2250, seconds: 15, hashesPerSecond: 150, cpuMsPerHash: 13.3 },
      loginStorm: {
        clients: 64,
        seconds: 15,
        honourRetryAfter: true,
        loginsPerSecond: 130,
        statuses: { '200': 975, '401': 975, '503': 300 },
        login: latency(60, 140, 300),
        refused: latency(1, 3, 5),
        unexpected: 0,
        slowerThan2s: 0,
        maxMs: 300,
        idleProbe: { health: { ...latency(1, 2, 3), statuses: {} }, refresh: { ...latency(2, 4, 5), statuses: {} } },
        probe: { health: { ...latency(2, 30, 40), statuses: {} }, refresh: { ...latency(5, 20, 30), statuses: {} } },
        rssMiB: { before: 150, peak: 230 },
        eventLoopDelay: { p99Ms: 4, maxMs: 12 },
        cpuCores: { server: 1.7, serverEventLoop: 0.2, postgres: 0.15, loadGenerator: 0.05, postgresTransactions: 9000 },
      },
      ...overrides,
    },
    runs: 1,
    notes: ['a note'],
  };
}

const rowOf = (r: BenchResults, metric: string) => buildRows(r).find((row) => row.metric.startsWith(metric))!;

describe('bench report', () => {
  it('judges the storm against the in-process hash ceiling', () => {
    const row = rowOf(results(), 'ratio to hash ceiling');
    expect(row.measured).toBe('0.87');
    expect(row.verdict).toBe('PASS');
  });

  it('marks a missed target as MISS', () => {
    expect(rowOf(results(), 'GET /health').verdict).toBe('MISS'); // p99 30 ms > 25 ms
    expect(rowOf(results(), 'refresh p50').verdict).toBe('PASS');
    expect(rowOf(results(), 'server RSS').verdict).toBe('PASS');
  });

  it('gives no ratio verdict when the ceiling was not measured', () => {
    expect(buildRows(results({ hashCeiling: undefined })).some((r) => r.metric === 'ratio to hash ceiling')).toBe(false);
  });

  it('fails the status row when any response was unexpected', () => {
    const r = results();
    const storm = { ...r.scenarios.loginStorm!, unexpected: 1 };
    expect(rowOf(results({ loginStorm: storm }), 'responses by status').verdict).toBe('MISS');
  });

  it('treats a missing measurement as a MISS, never a PASS', () => {
    const me = { connections: 32, seconds: 15, requestsPerSecond: NaN, latency: latency(NaN, NaN, NaN), statuses: {}, errors: 0, timeouts: 0 };
    expect(rowOf(results({ me }), 'GET /v1/me').verdict).toBe('MISS');
  });

  it('formats numbers for reading', () => {
    expect(num(2345.6)).toBe('2,346');
    expect(num(12.34)).toBe('12.3');
    expect(num(0.866)).toBe('0.87');
    expect(num(NaN)).toBe('n/a');
  });

  it('renders a markdown table with escaped cells and the machine facts', () => {
    const table = markdownTable([{ scenario: 's', metric: 'a | b', measured: '1', target: '', verdict: '' }]);
    expect(table.split('\n')).toEqual(['| scenario | metric | measured | target | result |', '|---|---|---|---|---|', '| s | a \\| b | 1 | — | — |']);
    const report = markdownReport(results());
    expect(report).toContain('2 cores (Test CPU)');
    expect(report).toContain('m=19456 KiB t=2 p=1');
    expect(report).toContain('IDENTSPHERE_LOGIN_MAX_FAILURES=1000');
  });
});

describe('bench report: the targets of issue 15 beyond the first round', () => {
  const signIn = (okPerSecond: number, refused: number) => ({
    clients: 64, seconds: 10, honourRetryAfter: false, okPerSecond, refusedPerSecond: refused / 10, statuses: { '200': okPerSecond * 10, '503': refused }, ok: latency(100, 400, 900),
    unexpected: 0, slowerThan2s: 0, maxMs: 900, rssPeakMiB: 600, cpuMs: { process: 20_000, eventLoop: 3_000 },
    probes: { health: { ...latency(2, 20, 30), statuses: {} }, me: { ...latency(5, 70, 90), statuses: {} } },
  });
  const noop = (rps: number) => ({ connections: 32, seconds: 10, requestsPerSecond: rps, latency: latency(5, 10, 20), statuses: {}, errors: 0, timeouts: 0, rssPeakMiB: 200, cpuMs: { process: 1, eventLoop: 1 } });
  const withPeers = (): BenchResults => ({
    ...results({ embeddedDefault: { bootMs: 4_200, idleRssMiB: 450, peakRssMiB: 500, idleSeconds: 10 } }),
    peers: {
      accounts: 65,
      services: { identsphere: { noop: noop(6000), hostile: signIn(120, 5000) }, naive: { noop: noop(5000), hostile: signIn(30, 0) } },
      ratios: [],
      refusalCost: { perAnsweredMs: 2.5, perRefusedMs: 0.08 },
    },
  });

  it('judges the hostile storm against the ceiling, its probes and its RSS', () => {
    const r = withPeers();
    expect(rowOf(r, 'ratio to hash ceiling').verdict).toBe('PASS'); // the polite storm, 130/150
    const hostile = buildRows(r).filter((row) => row.scenario === 'hostile storm');
    expect(hostile.find((row) => row.metric === 'ratio to hash ceiling')).toMatchObject({ measured: '0.80', verdict: 'PASS' });
    expect(hostile.find((row) => row.metric.startsWith('GET /health'))?.verdict).toBe('PASS');
    expect(hostile.find((row) => row.metric.startsWith('GET /v1/me'))?.verdict).toBe('MISS'); // 70 ms > 50 ms
    expect(hostile.find((row) => row.metric === 'server RSS peak')?.verdict).toBe('MISS'); // 600 MiB
    expect(hostile.find((row) => row.metric.startsWith('event-loop CPU per refused'))).toMatchObject({ measured: '0.08 ms', verdict: 'PASS' });
  });

  it('judges the no-op route against the naive service of the same run', () => {
    expect(rowOf(withPeers(), 'GET /health/live req/s')).toMatchObject({ measured: '6,000 (naive 5,000)', verdict: 'PASS' });
  });

  it('judges the embedded default’s boot time and idle RSS', () => {
    const r = withPeers();
    expect(rowOf(r, 'process start').verdict).toBe('PASS');
    expect(rowOf(r, 'RSS idle').verdict).toBe('MISS');
  });

  it('appends the side-by-side table only when the peers ran', () => {
    expect(markdownReport(withPeers())).toContain('| scenario | metric | better | IdentSphere | naive | Better Auth | ours ÷ naive | ours ÷ Better Auth |');
    expect(markdownReport(results())).not.toContain('Side by side');
  });
});

describe('server metrics', () => {
  it('reads prom-client text and subtracts the sampling interval from event-loop delay', () => {
    const metrics = parsePrometheusText(
      ['# HELP x y', 'nodejs_eventloop_lag_p99_seconds 0.0125', 'nodejs_eventloop_lag_max_seconds 0.05', 'x_total{outcome="ok"} 3'].join('\n'),
    );
    expect(metrics.get('x_total{outcome="ok"}')).toBe(3);
    const delay = eventLoopDelayOf(metrics)!;
    expect(delay.p99Ms).toBeCloseTo(2.5);
    expect(delay.maxMs).toBeCloseTo(40);
    expect(eventLoopDelayOf(null)).toBeNull();
  });
});
