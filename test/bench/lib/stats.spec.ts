import { percentile, summarize, Tally } from './stats';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles of unsorted samples', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 90)).toBe(9);
    expect(percentile(samples, 99)).toBe(10);
    expect(percentile(samples, 100)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
  });

  it('puts p99 of 200 samples on the 198th value, not an interpolation', () => {
    const samples = Array.from({ length: 200 }, (_, i) => i + 1);
    expect(percentile(samples, 99)).toBe(198);
    expect(summarize(samples)).toEqual({ count: 200, p50: 100, p99: 198, max: 200 });
  });

  it('reports no samples as NaN rather than zero', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(summarize([])).toEqual({ count: 0, p50: NaN, p99: NaN, max: NaN });
  });

  it('does not reorder the caller’s samples', () => {
    const samples = [3, 1, 2];
    summarize(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses a percentile outside 0..100', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('tallies status codes in a stable order', () => {
    const t = new Tally();
    [503, 200, 401, 200].forEach((s) => t.add(s));
    expect(t.toJSON()).toEqual({ '200': 2, '401': 1, '503': 1 });
    expect(Object.keys(t.toJSON())).toEqual(['200', '401', '503']);
    expect(t.total).toBe(4);
  });
});
