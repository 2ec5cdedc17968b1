import request from 'supertest';
import { FactorsClock } from '@identsphere/factors';
import { BEARER_MODE, bearer, dataSource, expectProblem, login, refreshCookieOf, setCookies, signup, startAuthApp } from '../support/auth-factories';
import { claimsOf, enrolTotp, passwordStep, pinTotpClock, verifyMfa } from '../support/mfa-factories';
import type { TestApp } from '../support/test-app';
import { itPg } from '../support/test-database';
import { totpCode } from '../support/totp';

describe('login with a second factor', () => {
  let t: TestApp;
  let clock: ReturnType<typeof pinTotpClock>;

  beforeAll(async () => {
    t = await startAuthApp();
  });
  afterAll(() => t.close());
  beforeEach(() => {
    clock = pinTotpClock(t);
  });
  afterEach(() => jest.restoreAllMocks());

  /** A signed-up account with an authenticator app: its credentials, TOTP secret and recovery codes. */
  async function accountWithTotp() {
    const account = await signup(t.server, { mode: 'bearer' });
    const totp = await enrolTotp(t.server, account.accessToken, clock.now());
    // The enrolment spent this step's code: the sign-ins below use the next one.
    clock.set(clock.now() + 30);
    return { ...account, ...totp, code: () => totpCode(totp.secret, clock.now()) };
  }

  const eventsOf = async (userId: string, type: string) =>
    (await dataSource(t).query(`SELECT detail FROM security_events WHERE user_id = $1 AND type = $2 ORDER BY seq`, [userId, type])) as { detail: Record<string, string> }[];

  it('answers a correct password with mfaRequired, an mfaToken and the methods: no session, no cookie, no-store', async () => {
    const account = await accountWithTotp();
    const sessionsBefore = await dataSource(t).query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`, [account.user.id]);
    const res = await request(t.server).post('/v1/auth/login').send({ email: account.email, password: account.password }).expect(200);
    expect(res.body).toEqual({ mfaRequired: true, mfaToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), methods: ['totp', 'recovery_code'] });
    expect(setCookies(res)).toEqual([]);
    expect(res.headers['cache-control']).toBe('no-store');
    const sessionsAfter = await dataSource(t).query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`, [account.user.id]);
    expect(sessionsAfter[0].n).toBe(sessionsBefore[0].n);
    const stored = await dataSource(t).query(`SELECT digest, amr FROM mfa_challenges WHERE user_id = $1`, [account.user.id]);
    expect(stored).toEqual([{ digest: expect.not.stringContaining(res.body.mfaToken), amr: ['pwd'] }]);
  });

  it('finishes in bearer mode with amr pwd+otp, acr mfa and auth_time, and GET /v1/me shows the factor', async () => {
    const account = await accountWithTotp();
    const mfaToken = await passwordStep(t.server, account.email, account.password);
    const res = await verifyMfa(t.server, mfaToken, 'totp', account.code()).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', refreshToken: expect.any(String), user: { id: account.user.id, mfaEnabled: true, mfaMethods: ['totp', 'recovery_code'] } });
    expect(setCookies(res)).toEqual([]);
    const claims = claimsOf(res.body.accessToken);
    expect({ amr: claims.amr, acr: claims.acr }).toEqual({ amr: ['pwd', 'otp'], acr: 'mfa' });
    expect(Math.abs((claims.auth_time as number) - Date.now() / 1000)).toBeLessThan(30);
    const me = await request(t.server).get('/v1/me').set(bearer(res.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({ mfaEnabled: true, mfaMethods: ['totp', 'recovery_code'] });
    expect((await eventsOf(account.user.id, 'login_succeeded')).at(-1)?.detail).toMatchObject({ method: 'totp' });
  });

  it('finishes in cookie mode with the refresh cookie, and a refresh keeps acr and auth_time', async () => {
    const account = await accountWithTotp();
    const mfaToken = await passwordStep(t.server, account.email, account.password);
    const res = await request(t.server).post('/v1/auth/mfa/verify').send({ mfaToken, method: 'totp', code: account.code() }).expect(200);
    expect(res.body.refreshToken).toBeUndefined();
    const cookie = refreshCookieOf(res);
    expect(cookie?.attributes).toHaveProperty('httponly');
    const refreshed = await request(t.server).post('/v1/auth/refresh').set('Cookie', `${cookie?.name}=${cookie?.value}`).set('X-IdentSphere-CSRF', '1').expect(200);
    const before = claimsOf(res.body.accessToken);
    const after = claimsOf(refreshed.body.accessToken);
    expect({ acr: after.acr, authTime: after.auth_time, amr: after.amr }).toEqual({ acr: 'mfa', authTime: before.auth_time, amr: ['pwd', 'otp'] });
  });

  it('accepts a recovery code as the second factor', async () => {
    const account = await accountWithTotp();
    const mfaToken = await passwordStep(t.server, account.email, account.password);
    const res = await verifyMfa(t.server, mfaToken, 'recovery_code', account.recoveryCodes[0]).expect(200);
    expect(claimsOf(res.body.accessToken)).toMatchObject({ acr: 'mfa', amr: ['pwd', 'otp'] });
  });

  it('uses an mfaToken once', async () => {
    const account = await accountWithTotp();
    const mfaToken = await passwordStep(t.server, account.email, account.password);
    await verifyMfa(t.server, mfaToken, 'recovery_code', account.recoveryCodes[0]).expect(200);
    expectProblem(await verifyMfa(t.server, mfaToken, 'recovery_code', account.recoveryCodes[1]), 401, 'invalid_mfa_token');
  });

  it('lets the same mfaToken verified twice at once succeed once', async () => {
    const account = await accountWithTotp();
    const mfaToken = await passwordStep(t.server, account.email, account.password);
    const answers = await Promise.all([0, 1, 2, 3].map((i) => verifyMfa(t.server, mfaToken, 'recovery_code', account.recoveryCodes[i])));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    for (const refused of answers.filter((r) => r.status !== 200)) expectProblem(refused, 401, 'invalid_mfa_token');
    const sessions = await dataSource(t).query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND acr = 'mfa'`, [account.user.id]);
    expect(sessions[0].n).toBe(1);
  });

  it('answers a wrong code with invalid_code and kills the mfaToken at the fifth', async () => {
    const account = await accountWithTotp();
    const mfaToken = await passwordStep(t.server, account.email, account.password);
    for (let i = 0; i < 5; i++) expectProblem(await verifyMfa(t.server, mfaToken, 'totp', '000000'), 401, 'invalid_code');
    expectProblem(await verifyMfa(t.server, mfaToken, 'totp', account.code()), 401, 'invalid_mfa_token');
    const failed = await eventsOf(account.user.id, 'mfa_failed');
    expect(failed).toHaveLength(5);
    expect(failed[0].detail).toMatchObject({ method: 'totp', purpose: 'mfa' });
  });

  it('refuses an expired mfaToken', async () => {
    const account = await accountWithTotp();
    const mfaToken = await passwordStep(t.server, account.email, account.password);
    await dataSource(t).query(`UPDATE mfa_challenges SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [account.user.id]);
    expectProblem(await verifyMfa(t.server, mfaToken, 'totp', account.code()), 401, 'invalid_mfa_token');
  });

  it('refuses an unknown mfaToken, and a method the account has not set up without spending the token', async () => {
    const account = await accountWithTotp();
    expectProblem(await verifyMfa(t.server, 'A'.repeat(43), 'totp', account.code()), 401, 'invalid_mfa_token');
    const mfaToken = await passwordStep(t.server, account.email, account.password);
    const res = await request(t.server).post('/v1/auth/mfa/verify').set(BEARER_MODE).send({ mfaToken, method: 'webauthn', code: '123456' });
    expectProblem(res, 400, 'method_not_available');
    expect(res.body.methods).toEqual(['totp', 'recovery_code']);
    await verifyMfa(t.server, mfaToken, 'totp', account.code()).expect(200);
  });

  it('throttles wrong codes per account before checking them (429), across mfaTokens', async () => {
    const small = await startAuthApp({ db: t.db, env: { IDENTSPHERE_LOGIN_MAX_FAILURES: '3' } });
    try {
      jest.restoreAllMocks();
      const smallClock = pinTotpClock(small);
      const account = await signup(small.server, { mode: 'bearer' });
      const totp = await enrolTotp(small.server, account.accessToken, smallClock.now());
      smallClock.set(smallClock.now() + 30);
      const first = await passwordStep(small.server, account.email, account.password);
      for (let i = 0; i < 3; i++) expectProblem(await verifyMfa(small.server, first, 'totp', '000000'), 401, 'invalid_code');
      const second = await passwordStep(small.server, account.email, account.password);
      expectProblem(await verifyMfa(small.server, second, 'totp', totpCode(totp.secret, smallClock.now())), 429, 'rate_limited');
    } finally {
      await small.close();
    }
  });

  itPg('needs real PostgreSQL (TEST_DATABASE_URL): finishes on another instance a login begun on one', async () => {
    const account = await accountWithTotp();
    const mfaToken = await passwordStep(t.server, account.email, account.password);
    const other = await startAuthApp({ db: t.db });
    try {
      jest.spyOn(other.app.get(FactorsClock), 'nowSeconds').mockImplementation(() => clock.now());
      const res = await verifyMfa(other.server, mfaToken, 'totp', account.code()).expect(200);
      await request(t.server).get('/v1/me').set(bearer(res.body.accessToken)).expect(200);
    } finally {
      await other.close();
    }
  });

  it('signs an account without a factor straight in, with acr pwd', async () => {
    const account = await signup(t.server, { mode: 'bearer' });
    const res = await login(t.server, { email: account.email, password: account.password, mode: 'bearer' });
    expect(claimsOf(res.accessToken)).toMatchObject({ amr: ['pwd'], acr: 'pwd' });
    expect(res.user).toMatchObject({ mfaEnabled: false, mfaMethods: [] });
  });
});
