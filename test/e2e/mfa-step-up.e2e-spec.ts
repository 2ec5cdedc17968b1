import request from 'supertest';
import { bearer, dataSource, expectProblem, HttpServer, login, refreshWithToken, signup, startAuthApp, strongPassword } from '../support/auth-factories';
import { claimsOf, enrolTotp, passwordStep, pinTotpClock, verifyMfa } from '../support/mfa-factories';
import type { TestApp } from '../support/test-app';
import { totpCode } from '../support/totp';

const stepUp = (server: HttpServer, accessToken: string, body: Record<string, unknown>) => request(server).post('/v1/auth/step-up').set(bearer(accessToken)).send(body);
const changePassword = (server: HttpServer, accessToken: string, currentPassword: string) =>
  request(server).post('/v1/me/password').set(bearer(accessToken)).send({ currentPassword, newPassword: strongPassword() });

describe('step-up for sensitive operations', () => {
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

  /** Ages the session's last authentication past IDENTSPHERE_STEP_UP_MAX_AGE; a refresh mints a token that says so. */
  async function agedAccessToken(sessionId: string, refreshToken: string): Promise<{ accessToken: string; refreshToken: string }> {
    await dataSource(t).query(`UPDATE sessions SET auth_time = now() - interval '11 minutes' WHERE id = $1`, [sessionId]);
    const res = await refreshWithToken(t.server, refreshToken).expect(200);
    return { accessToken: res.body.accessToken, refreshToken: res.body.refreshToken };
  }

  async function mfaSignedIn() {
    const account = await signup(t.server, { mode: 'bearer' });
    const totp = await enrolTotp(t.server, account.accessToken, clock.now());
    clock.set(clock.now() + 30);
    const mfaToken = await passwordStep(t.server, account.email, account.password);
    const res = await verifyMfa(t.server, mfaToken, 'totp', totpCode(totp.secret, clock.now())).expect(200);
    clock.set(clock.now() + 30);
    return { ...account, ...totp, accessToken: res.body.accessToken, refreshToken: res.body.refreshToken, sessionId: res.body.sessionId, code: () => totpCode(totp.secret, clock.now()) };
  }

  it('lets a fresh password login change the password (recent enough, no factor to ask for)', async () => {
    const account = await signup(t.server, { mode: 'bearer' });
    await changePassword(t.server, account.accessToken, account.password).expect(204);
  });

  it('refuses a stale authentication with step_up_required listing password, then a password step-up satisfies it', async () => {
    const account = await signup(t.server, { mode: 'bearer' });
    const aged = await agedAccessToken(account.sessionId, account.refreshToken);
    const refused = await changePassword(t.server, aged.accessToken, account.password);
    expectProblem(refused, 403, 'step_up_required');
    expect(refused.body.methods).toEqual(['password']);
    expectProblem(await request(t.server).delete('/v1/me').set(bearer(aged.accessToken)).send({ password: account.password }), 403, 'step_up_required');
    expectProblem(await request(t.server).post('/v1/me/email').set(bearer(aged.accessToken)).send({ newEmail: `n-${account.email}`, password: account.password }), 403, 'step_up_required');

    const res = await stepUp(t.server, aged.accessToken, { method: 'password', password: account.password }).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: expect.any(Number), sessionId: account.sessionId, acr: 'pwd' });
    expect(Math.abs((claimsOf(res.body.accessToken).auth_time as number) - Date.now() / 1000)).toBeLessThan(30);
    await changePassword(t.server, res.body.accessToken, account.password).expect(204);
  });

  it('keeps the new auth_time on the session: the unchanged refresh token mints tokens that carry it', async () => {
    const account = await signup(t.server, { mode: 'bearer' });
    const aged = await agedAccessToken(account.sessionId, account.refreshToken);
    const stepped = await stepUp(t.server, aged.accessToken, { method: 'password', password: account.password }).expect(200);
    const refreshed = await refreshWithToken(t.server, aged.refreshToken).expect(200);
    expect(claimsOf(refreshed.body.accessToken).auth_time).toBe(claimsOf(stepped.body.accessToken).auth_time);
    expect(refreshed.body.sessionId).toBe(account.sessionId);
  });

  it('refuses a wrong password (invalid_credentials) and a method the account lacks (method_not_available)', async () => {
    const account = await signup(t.server, { mode: 'bearer' });
    expectProblem(await stepUp(t.server, account.accessToken, { method: 'password', password: `${account.password}x` }), 401, 'invalid_credentials');
    const res = await stepUp(t.server, account.accessToken, { method: 'totp', code: '123456' });
    expectProblem(res, 400, 'method_not_available');
    expect(res.body.methods).toEqual(['password']);
    expectProblem(await stepUp(t.server, account.accessToken, { method: 'sms', code: '1' }), 400, 'validation_failed');
  });

  it('on an account with a factor, asks for the factor: a password step-up is not enough, a TOTP one is', async () => {
    const account = await mfaSignedIn();
    const aged = await agedAccessToken(account.sessionId, account.refreshToken);
    const refused = await changePassword(t.server, aged.accessToken, account.password);
    expectProblem(refused, 403, 'step_up_required');
    expect(refused.body.methods).toEqual(['totp', 'recovery_code']);

    const withPassword = await stepUp(t.server, aged.accessToken, { method: 'password', password: account.password }).expect(200);
    expect(withPassword.body.acr).toBe('pwd');
    expectProblem(await changePassword(t.server, withPassword.body.accessToken, account.password), 403, 'step_up_required');

    expectProblem(await stepUp(t.server, aged.accessToken, { method: 'totp', code: '000000' }), 401, 'invalid_code');
    const withTotp = await stepUp(t.server, aged.accessToken, { method: 'totp', code: account.code() }).expect(200);
    expect(claimsOf(withTotp.body.accessToken)).toMatchObject({ acr: 'mfa', amr: ['pwd', 'otp'] });
    await changePassword(t.server, withTotp.body.accessToken, account.password).expect(204);
  });

  it('lets a fresh MFA login through at once', async () => {
    const account = await mfaSignedIn();
    await request(t.server).delete('/v1/me').set(bearer(account.accessToken)).send({ password: account.password }).expect(204);
  });

  it('asks a session from before the factor was enrolled (acr pwd) to step up with it', async () => {
    const account = await signup(t.server, { mode: 'bearer' });
    const totp = await enrolTotp(t.server, account.accessToken, clock.now());
    clock.set(clock.now() + 30);
    expectProblem(await changePassword(t.server, account.accessToken, account.password), 403, 'step_up_required');
    const stepped = await stepUp(t.server, account.accessToken, { method: 'recovery_code', code: totp.recoveryCodes[0] }).expect(200);
    await changePassword(t.server, stepped.body.accessToken, account.password).expect(204);
    const events = await dataSource(t).query(`SELECT detail FROM security_events WHERE user_id = $1 AND type = 'step_up'`, [account.user.id]);
    expect(events).toEqual([{ detail: { method: 'recovery_code' } }]);
  });
});

describe('IDENTSPHERE_MFA_REQUIRED=all', () => {
  let t: TestApp;
  let clock: ReturnType<typeof pinTotpClock>;

  beforeAll(async () => {
    t = await startAuthApp({ env: { IDENTSPHERE_MFA_REQUIRED: 'all' } });
  });
  afterAll(() => t.close());
  beforeEach(() => {
    clock = pinTotpClock(t);
  });
  afterEach(() => jest.restoreAllMocks());

  it('gives an account without a factor an enrol-only session: me, refresh, enrolment and logout, nothing else', async () => {
    const account = await signup(t.server, { mode: 'bearer' });
    expect(claimsOf(account.accessToken)).toMatchObject({ acr: 'enrol', amr: ['pwd'] });
    const signedIn = await login(t.server, { email: account.email, password: account.password, mode: 'bearer' });
    expect(claimsOf(signedIn.accessToken).acr).toBe('enrol');

    await request(t.server).get('/v1/me').set(bearer(signedIn.accessToken)).expect(200);
    expectProblem(await request(t.server).get('/v1/me/sessions').set(bearer(signedIn.accessToken)), 403, 'mfa_enrollment_required');
    expectProblem(await request(t.server).patch('/v1/me').set(bearer(signedIn.accessToken)).send({ displayName: 'x' }), 403, 'mfa_enrollment_required');
    expectProblem(await changePassword(t.server, signedIn.accessToken, account.password), 403, 'mfa_enrollment_required');
    expectProblem(await request(t.server).get('/v1/me/events').set(bearer(signedIn.accessToken)), 403, 'mfa_enrollment_required');
    const refreshed = await refreshWithToken(t.server, signedIn.refreshToken).expect(200);
    expect(claimsOf(refreshed.body.accessToken).acr).toBe('enrol');
    await request(t.server).post('/v1/auth/logout').set(bearer(refreshed.body.accessToken)).set('X-Auth-Mode', 'bearer').send({ refreshToken: refreshed.body.refreshToken }).expect(204);
  });

  it('lets the enrol-only session enrol a factor, then a step-up with it opens the account', async () => {
    const account = await signup(t.server, { mode: 'bearer' });
    const totp = await enrolTotp(t.server, account.accessToken, clock.now());
    clock.set(clock.now() + 30);
    const withPassword = await stepUp(t.server, account.accessToken, { method: 'password', password: account.password }).expect(200);
    expect(withPassword.body.acr).toBe('enrol');
    const stepped = await stepUp(t.server, account.accessToken, { method: 'totp', code: totpCode(totp.secret, clock.now()) }).expect(200);
    expect(stepped.body.acr).toBe('mfa');
    await request(t.server).get('/v1/me/sessions').set(bearer(stepped.body.accessToken)).expect(200);
    const res = await request(t.server).post('/v1/auth/login').send({ email: account.email, password: account.password }).expect(200);
    expect(res.body.mfaRequired).toBe(true);
  });

  it('keeps a password step-up of an account without a factor enrol-only', async () => {
    const account = await signup(t.server, { mode: 'bearer' });
    const stepped = await stepUp(t.server, account.accessToken, { method: 'password', password: account.password }).expect(200);
    expect(stepped.body.acr).toBe('enrol');
    expectProblem(await request(t.server).get('/v1/me/sessions').set(bearer(stepped.body.accessToken)), 403, 'mfa_enrollment_required');
  });
});
