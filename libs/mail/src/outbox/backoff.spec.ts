import { DEFAULT_RETRY_POLICY, retryDelaySeconds, RetryPolicy } from './backoff';

const policy: RetryPolicy = { baseDelaySeconds: 5, maxDelaySeconds: 60, maxAttempts: 6 };
const noJitter = () => 0.5;

describe('retryDelaySeconds', () => {
  it('doubles the delay after each failed attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelaySeconds(attempt, policy, noJitter))).toEqual([5, 10, 20, 40]);
  });

  it('caps the delay', () => {
    expect(retryDelaySeconds(5, policy, noJitter)).toBe(60);
  });

  it('gives up after the last allowed attempt', () => {
    expect(retryDelaySeconds(6, policy, noJitter)).toBeNull();
    expect(retryDelaySeconds(7, policy, noJitter)).toBeNull();
  });

  it('spreads retries by at most 20 % either way', () => {
    expect(retryDelaySeconds(3, policy, () => 0)).toBe(16);
    expect(retryDelaySeconds(3, policy, () => 0.999999)).toBe(24);
  });

  it('never schedules a retry sooner than one second', () => {
    expect(retryDelaySeconds(1, { ...policy, baseDelaySeconds: 0 }, () => 0)).toBe(1);
  });

  it('by default retries for more than an hour before giving up', () => {
    let total = 0;
    for (let attempt = 1; ; attempt++) {
      const delay = retryDelaySeconds(attempt, DEFAULT_RETRY_POLICY, () => 0);
      if (delay === null) break;
      total += delay;
    }
    expect(total).toBeGreaterThan(3600);
  });
});
