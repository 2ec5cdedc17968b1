import { RateLimitCleanup, RateLimiter } from '@identsphere/rate-limit';
import { dataSource, expectProblem, signup, uniqueEmail } from '../support/auth-factories';
import { attemptLogin, startThrottledApp } from '../support/abuse-helpers';
import type { TestApp } from '../support/test-app';

const WRONG = 'definitely-not-the-password';
const LIMIT = { max: 5, windowSeconds: 60 };

describe('cleanup of expired throttle rows', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startThrottledApp({ maxFailures: 2 })));
  afterAll(() => t.close());

  const count = async (table: string) => Number((await dataSource(t).query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const age = (table: string, where: string, params: unknown[]) => dataSource(t).query(`UPDATE ${table} SET expires_at = now() - interval '1 second' WHERE ${where}`, params);

  it('deletes expired rows, keeps live ones and live locks, and is harmless when two run at once', async () => {
    const limiter = t.app.get(RateLimiter);
    for (const subject of ['a', 'b', 'c', 'd']) await limiter.attempt('cleanup-test', subject, LIMIT);
    const { email: locked, password } = await signup(t.server);
    for (let i = 0; i < 2; i++) await attemptLogin(t.server, locked, WRONG);
    const stale = uniqueEmail();
    await attemptLogin(t.server, stale, WRONG);
    // Age three counters and the stale streak past their expiry (what time would do).
    await age('rate_limit_counters', `bucket = 'cleanup-test' AND subject IN (SELECT subject FROM rate_limit_counters WHERE bucket = 'cleanup-test' ORDER BY subject LIMIT 3)`, []);
    await age('login_locks', `locked_until IS NULL`, []);
    const countersBefore = await count('rate_limit_counters');
    const locksBefore = await count('login_locks');

    const cleanup = t.app.get(RateLimitCleanup);
    const [first, second] = await Promise.all([cleanup.runOnce(), cleanup.runOnce()]);

    expect(first.rate_limit_counters + second.rate_limit_counters).toBe(3);
    expect(first.login_locks + second.login_locks).toBe(1);
    expect(await count('rate_limit_counters')).toBe(countersBefore - 3);
    expect(await count('login_locks')).toBe(locksBefore - 1);
    expectProblem(await attemptLogin(t.server, locked, password), 429, 'rate_limited');
    expect(await cleanup.runOnce()).toEqual({ rate_limit_counters: 0, login_locks: 0 });
  });
});
