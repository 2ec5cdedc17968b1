import request from 'supertest';
import { LOGIN_LOCK_BASE_SECONDS } from '@identsphere/rate-limit';
import { bearer, dataSource, expectProblem, signup, strongPassword, uniqueEmail, withoutRequestId } from '../support/auth-factories';
import { attemptLogin, countPasswordChecks, deviceCookieOf, endCurrentLocks, retryAfterOf, startThrottledApp, storedEvents } from '../support/abuse-helpers';
import type { TestApp } from '../support/test-app';

const MAX_FAILURES = 4;
const WRONG = 'definitely-not-the-password';

describe('per-account login lock', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startThrottledApp({ maxFailures: MAX_FAILURES })));
  afterAll(() => t.close());

  const lockRows = () => dataSource(t).query(`SELECT subject, failures, lock_level, locked_until, locked_at FROM login_locks ORDER BY subject`);

  async function failTimes(email: string, times: number, headers: Record<string, string> = {}): Promise<void> {
    for (let i = 0; i < times; i++) expectProblem(await attemptLogin(t.server, email, WRONG, headers), 401, 'invalid_credentials');
  }

  it('answers 429 rate_limited with Retry-After after the configured number of consecutive failures', async () => {
    const { email } = await signup(t.server);
    await failTimes(email, MAX_FAILURES);
    const res = await attemptLogin(t.server, email, WRONG);
    expectProblem(res, 429, 'rate_limited');
    expect(retryAfterOf(res)).toBeGreaterThanOrEqual(LOGIN_LOCK_BASE_SECONDS - 1);
    expect(retryAfterOf(res)).toBeLessThanOrEqual(LOGIN_LOCK_BASE_SECONDS);
  });

  it('refuses the correct password while locked', async () => {
    const { email, password } = await signup(t.server);
    await failTimes(email, MAX_FAILURES);
    expectProblem(await attemptLogin(t.server, email, password), 429, 'rate_limited');
  });

  it('neither counts nor extends the lock with attempts made during it', async () => {
    const { email } = await signup(t.server);
    await failTimes(email, MAX_FAILURES);
    const first = await attemptLogin(t.server, email, WRONG);
    const locksBefore = await lockRows();
    for (let i = 0; i < 5; i++) expectProblem(await attemptLogin(t.server, email, WRONG), 429, 'rate_limited');
    const last = await attemptLogin(t.server, email, WRONG);
    expect(await lockRows()).toEqual(locksBefore);
    expect(retryAfterOf(last)).toBeLessThanOrEqual(retryAfterOf(first));
    // Once it ends, one more failure locks again for the doubled time, not for a time grown by the 7 refused attempts.
    await endCurrentLocks(t);
    await failTimes(email, 1);
    const relocked = await attemptLogin(t.server, email, WRONG);
    expectProblem(relocked, 429, 'rate_limited');
    expect(retryAfterOf(relocked)).toBeGreaterThan(LOGIN_LOCK_BASE_SECONDS);
    expect(retryAfterOf(relocked)).toBeLessThanOrEqual(2 * LOGIN_LOCK_BASE_SECONDS);
  });

  it('lets the correct password in once the lock has expired, and that success ends the streak', async () => {
    const { email, password } = await signup(t.server);
    await failTimes(email, MAX_FAILURES);
    expectProblem(await attemptLogin(t.server, email, password), 429, 'rate_limited');
    await endCurrentLocks(t);
    expect((await attemptLogin(t.server, email, password)).status).toBe(200);
    // A fresh streak: the full allowance again before the next lock.
    await failTimes(email, MAX_FAILURES);
    expectProblem(await attemptLogin(t.server, email, WRONG), 429, 'rate_limited');
  });

  it('resets the failure count on a success', async () => {
    const { email, password } = await signup(t.server);
    await failTimes(email, MAX_FAILURES - 1);
    expect((await attemptLogin(t.server, email, password)).status).toBe(200);
    await failTimes(email, MAX_FAILURES - 1);
    expect((await attemptLogin(t.server, email, password)).status).toBe(200);
  });

  it('locks an unknown email exactly like a real one: same status, body and Retry-After', async () => {
    const { email: real } = await signup(t.server);
    const unknown = uniqueEmail();
    await failTimes(real, MAX_FAILURES);
    await failTimes(unknown, MAX_FAILURES);
    const [a, b] = [await attemptLogin(t.server, real, WRONG), await attemptLogin(t.server, unknown, WRONG)];
    expectProblem(a, 429, 'rate_limited');
    expect({ status: b.status, body: withoutRequestId(b.body), retryAfter: retryAfterOf(b) }).toEqual({ status: a.status, body: withoutRequestId(a.body), retryAfter: retryAfterOf(a) });
  });

  it('keys the lock on the normalised email', async () => {
    const { email } = await signup(t.server);
    await failTimes(email.toUpperCase(), MAX_FAILURES);
    expectProblem(await attemptLogin(t.server, `  ${email}`, WRONG), 429, 'rate_limited');
  });

  it('spends no password hash on a throttled attempt', async () => {
    const { email, password } = await signup(t.server);
    await failTimes(email, MAX_FAILURES);
    const checks = countPasswordChecks(t);
    try {
      for (let i = 0; i < 5; i++) expectProblem(await attemptLogin(t.server, email, i % 2 ? password : WRONG), 429, 'rate_limited');
      expect(checks.count).toBe(0);
    } finally {
      checks.restore();
    }
  });

  it('records the lockout once, as an account_locked event of the account', async () => {
    const { email, user } = await signup(t.server);
    await failTimes(email, MAX_FAILURES);
    for (let i = 0; i < 3; i++) await attemptLogin(t.server, email, WRONG);
    const types = (await storedEvents(t, user.id)).map((e) => e.type);
    expect(types.filter((type) => type === 'login_failed')).toHaveLength(MAX_FAILURES);
    expect(types.filter((type) => type === 'account_locked')).toHaveLength(1);
  });
});

describe('anti-lockout device cookie', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startThrottledApp({ maxFailures: MAX_FAILURES })));
  afterAll(() => t.close());

  it('lets a device that signed in before through while strangers have the account locked', async () => {
    const { email, password } = await signup(t.server);
    const device = deviceCookieOf(await attemptLogin(t.server, email, password));
    for (let i = 0; i < MAX_FAILURES; i++) await attemptLogin(t.server, email, WRONG);
    expectProblem(await attemptLogin(t.server, email, password), 429, 'rate_limited');
    expect((await attemptLogin(t.server, email, password, { Cookie: device })).status).toBe(200);
  });

  it('judges the device on its own streak, so a stolen cookie still cannot guess freely', async () => {
    const { email, password } = await signup(t.server);
    const device = deviceCookieOf(await attemptLogin(t.server, email, password));
    for (let i = 0; i < MAX_FAILURES; i++) expectProblem(await attemptLogin(t.server, email, WRONG, { Cookie: device }), 401, 'invalid_credentials');
    expectProblem(await attemptLogin(t.server, email, password, { Cookie: device }), 429, 'rate_limited');
    // The device's failures did not lock the account for everyone else.
    expect((await attemptLogin(t.server, email, password)).status).toBe(200);
  });

  it('does not trust a device cookie issued for another account or a forged one', async () => {
    const owner = await signup(t.server);
    const other = await signup(t.server);
    const othersDevice = deviceCookieOf(await attemptLogin(t.server, other.email, other.password));
    for (let i = 0; i < MAX_FAILURES; i++) await attemptLogin(t.server, owner.email, WRONG);
    expectProblem(await attemptLogin(t.server, owner.email, owner.password, { Cookie: othersDevice }), 429, 'rate_limited');
    const forged = othersDevice.replace(/=d1\.[^.]+/, '=d1.AAAAAAAAAAAAAAAAAAAAAA');
    expectProblem(await attemptLogin(t.server, owner.email, owner.password, { Cookie: forged }), 429, 'rate_limited');
  });

  it('sets no device cookie in bearer mode', async () => {
    const { email, password } = await signup(t.server);
    const res = await attemptLogin(t.server, email, password, { 'X-Auth-Mode': 'bearer' });
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('password confirmation throttle (change password, delete account)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startThrottledApp({ maxFailures: MAX_FAILURES })));
  afterAll(() => t.close());

  const changePassword = (accessToken: string, currentPassword: string) =>
    request(t.server).post('/v1/me/password').set(bearer(accessToken)).send({ currentPassword, newPassword: strongPassword() });

  it('refuses further confirmations with 429 after the failure limit, without hashing, so a stolen access token is no password oracle', async () => {
    const s = await signup(t.server, { mode: 'bearer' });
    for (let i = 0; i < MAX_FAILURES; i++) expectProblem(await changePassword(s.accessToken, WRONG), 401, 'invalid_credentials');
    const checks = countPasswordChecks(t);
    try {
      const refused = await changePassword(s.accessToken, s.password);
      expectProblem(refused, 429, 'rate_limited');
      expect(retryAfterOf(refused)).toBeGreaterThan(0);
      expectProblem(await request(t.server).delete('/v1/me').set(bearer(s.accessToken)).send({ password: s.password }), 429, 'rate_limited');
      expect(checks.count).toBe(0);
    } finally {
      checks.restore();
    }
  });

  it('does not count correct confirmations', async () => {
    const s = await signup(t.server, { mode: 'bearer' });
    for (let i = 0; i < MAX_FAILURES - 1; i++) expectProblem(await changePassword(s.accessToken, WRONG), 401, 'invalid_credentials');
    expect((await request(t.server).post('/v1/me/password').set(bearer(s.accessToken)).send({ currentPassword: s.password, newPassword: `${s.password}-2` })).status).toBe(204);
    expect((await request(t.server).post('/v1/me/password').set(bearer(s.accessToken)).send({ currentPassword: `${s.password}-2`, newPassword: `${s.password}-3` })).status).toBe(204);
  });
});
