import { median, medianOfRuns } from './medians';

describe('medians of runs', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('ignores values that were not measured and is NaN when none were', () => {
    expect(median([NaN, 10, 20, NaN, 30])).toBe(20);
    expect(median([NaN, Infinity])).toBeNaN();
    expect(median([])).toBeNaN();
  });

  it('takes each numeric field’s median on its own, through nested objects', () => {
    const runs = [
      { me: { requestsPerSecond: 1000, latency: { p99: 50 } }, node: '20.20.2' },
      { me: { requestsPerSecond: 3000, latency: { p99: 30 } }, node: '20.20.2' },
      { me: { requestsPerSecond: 2000, latency: { p99: 90 } }, node: '20.20.2' },
    ];
    expect(medianOfRuns(runs)).toEqual({ me: { requestsPerSecond: 2000, latency: { p99: 50 } }, node: '20.20.2' });
  });

  it('keeps the union of keys (a status seen in one run only) and the first run’s strings and arrays', () => {
    const runs = [
      { statuses: { '200': 10 }, notes: ['first'], peer: undefined as { ok: number } | undefined },
      { statuses: { '200': 12, '503': 4 }, notes: ['second'], peer: { ok: 5 } },
    ];
    expect(medianOfRuns(runs)).toEqual({ statuses: { '200': 11, '503': 4 }, notes: ['first'], peer: { ok: 5 } });
  });

  it('refuses to take the median of no runs', () => {
    expect(() => medianOfRuns([])).toThrow(RangeError);
  });
});
