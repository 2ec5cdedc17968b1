import request from 'supertest';
import { bearer, dataSource, expectProblem, signup } from '../support/auth-factories';
import { outboxRowsFor } from '../support/mail-factories';
import { claimsOf, confirmTotp, enrolTotp, passwordStep, pinTotpClock, verifyMfa } from '../support/mfa-factories';
import { startAuthApp } from '../support/auth-factories';
import { LogCapture } from '../support/log-capture';
import type { TestApp } from '../support/test-app';
import { totpAt, totpCode } from '../support/totp';

const myEvents = async (t: TestApp, accessToken: string): Promise<string[]> =>
  (await request(t.server).get('/v1/me/events?limit=100').set(bearer(accessToken)).expect(200)).body.items.map((e: { type: string }) => e.type);

describe('the TOTP implementation of the tests', () => {
  // RFC 6238 appendix B, SHA-1 rows: key "12345678901234567890", 8 digits.
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('gives the RFC 6238 code at t=%d', (time, code) => {
    expect(totpAt(Buffer.from('12345678901234567890'), time, 8)).toBe(code);
  });
});

describe('TOTP', () => {
  let t: TestApp;
  let clock: ReturnType<typeof pinTotpClock>;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());
  beforeEach(() => (clock = pinTotpClock(t)));
  afterEach(() => jest.restoreAllMocks());

  describe('enrolment', () => {
    it('answers a secret, an otpauth URI with the issuer and a QR code, and stores the secret only sealed', async () => {
      const s = await signup(t.server);
      const res = await request(t.server).post('/v1/me/mfa/totp').set(bearer(s.accessToken)).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.secret).toMatch(/^[A-Z2-7]{32}$/);
      const uri = new URL(res.body.otpauthUri);
      expect(decodeURIComponent(uri.pathname)).toBe(`/IdentSphere:${s.email}`);
      expect(uri.searchParams.get('issuer')).toBe('IdentSphere');
      expect(uri.searchParams.get('secret')).toBe(res.body.secret);
      expect(res.body.qrCodeSvg).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(Buffer.from(res.body.qrCodeSvg.split(',')[1], 'base64').toString('utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
      const [row] = await dataSource(t).query('SELECT secret_enc FROM totp_factors WHERE user_id = $1', [s.user.id]);
      expect(row.secret_enc).not.toContain(res.body.secret);
    });

    it('activates with a first valid code and answers 10 recovery codes, once', async () => {
      const s = await signup(t.server);
      const { recoveryCodes } = await enrolTotp(t.server, s.accessToken, clock.now());
      expect(recoveryCodes).toHaveLength(10);
      for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
      expect(new Set(recoveryCodes).size).toBe(10);
      const status = await request(t.server).get('/v1/me/mfa').set(bearer(s.accessToken)).expect(200);
      expect(status.body).toEqual({ methods: ['totp', 'recovery_code'], recoveryCodesRemaining: 10 });
      expect(await myEvents(t, s.accessToken)).toContain('mfa_enabled');
      expect((await outboxRowsFor(t, s.email)).map((m) => m.kind)).toContain('totp-enabled');
    });

    it('never returns the secret again once active', async () => {
      const s = await signup(t.server);
      const { secret } = await enrolTotp(t.server, s.accessToken, clock.now());
      const again = await request(t.server).post('/v1/me/mfa/totp').set(bearer(s.accessToken));
      expectProblem(again, 409, 'totp_already_enabled');
      const reads = [again, await request(t.server).get('/v1/me/mfa').set(bearer(s.accessToken)), await request(t.server).get('/v1/me').set(bearer(s.accessToken))];
      for (const res of reads) expect(JSON.stringify(res.body)).not.toContain(secret);
    });

    it('replaces a pending secret when enrolment starts again: only the new one confirms', async () => {
      const s = await signup(t.server);
      const first = await request(t.server).post('/v1/me/mfa/totp').set(bearer(s.accessToken)).expect(200);
      const second = await request(t.server).post('/v1/me/mfa/totp').set(bearer(s.accessToken)).expect(200);
      expect(second.body.secret).not.toBe(first.body.secret);
      expectProblem(await confirmTotp(t.server, s.accessToken, totpCode(first.body.secret, clock.now())), 400, 'invalid_totp_code');
      await confirmTotp(t.server, s.accessToken, totpCode(second.body.secret, clock.now())).expect(200);
    });

    it('refuses a wrong code, a malformed code, a confirmation without enrolment and a second confirmation', async () => {
      const s = await signup(t.server);
      expectProblem(await confirmTotp(t.server, s.accessToken, '123456'), 409, 'totp_enrolment_not_started');
      const begun = await request(t.server).post('/v1/me/mfa/totp').set(bearer(s.accessToken)).expect(200);
      const right = totpCode(begun.body.secret, clock.now());
      expectProblem(await confirmTotp(t.server, s.accessToken, right === '000000' ? '000001' : '000000'), 400, 'invalid_totp_code');
      expectProblem(await confirmTotp(t.server, s.accessToken, '12 456'), 400, 'validation_failed');
      await confirmTotp(t.server, s.accessToken, right).expect(200);
      expectProblem(await confirmTotp(t.server, s.accessToken, right), 409, 'totp_already_enabled');
    });

    it('needs an access token', async () => {
      expectProblem(await request(t.server).post('/v1/me/mfa/totp'), 401, 'unauthorized');
      expectProblem(await request(t.server).get('/v1/me/mfa'), 401, 'unauthorized');
    });
  });

  describe('as the second factor of a login', () => {
    it('completes the login with a code; the access token proves pwd and otp', async () => {
      const s = await signup(t.server);
      const { secret } = await enrolTotp(t.server, s.accessToken, clock.now());
      clock.set(clock.now() + 30);
      const res = await verifyMfa(t.server, await passwordStep(t.server, s.email, s.password), 'totp', totpCode(secret, clock.now()));
      expect(res.status).toBe(200);
      expect(claimsOf(res.body.accessToken).amr).toEqual(expect.arrayContaining(['pwd', 'otp']));
    });

    it('never accepts a code twice: not the one that confirmed the enrolment, not one already used to sign in', async () => {
      const s = await signup(t.server);
      const { secret } = await enrolTotp(t.server, s.accessToken, clock.now());
      expectProblem(await verifyMfa(t.server, await passwordStep(t.server, s.email, s.password), 'totp', totpCode(secret, clock.now())), 401, 'invalid_code');
      clock.set(clock.now() + 30);
      const code = totpCode(secret, clock.now());
      await verifyMfa(t.server, await passwordStep(t.server, s.email, s.password), 'totp', code).expect(200);
      expectProblem(await verifyMfa(t.server, await passwordStep(t.server, s.email, s.password), 'totp', code), 401, 'invalid_code');
    });

    it('accepts the same code sent twice at once exactly once', async () => {
      const s = await signup(t.server);
      const { secret } = await enrolTotp(t.server, s.accessToken, clock.now());
      clock.set(clock.now() + 30);
      const code = totpCode(secret, clock.now());
      const tokens = [await passwordStep(t.server, s.email, s.password), await passwordStep(t.server, s.email, s.password)];
      const answers = await Promise.all(tokens.map((token) => verifyMfa(t.server, token, 'totp', code)));
      expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it.each([
      ['one step behind', -30, 200],
      ['one step ahead', 30, 200],
      ['two steps behind', -60, 401],
      ['two steps ahead', 60, 401],
    ])('with the client clock %s (%i s) answers %i', async (_, skewSeconds, status) => {
      const s = await signup(t.server);
      const { secret } = await enrolTotp(t.server, s.accessToken, clock.now());
      clock.set(clock.now() + 300);
      const res = await verifyMfa(t.server, await passwordStep(t.server, s.email, s.password), 'totp', totpCode(secret, clock.now() + skewSeconds));
      expect(res.status).toBe(status);
      if (status !== 200) expectProblem(res, 401, 'invalid_code');
    });
  });

  describe('removal', () => {
    it('needs a recent step-up with the second factor', async () => {
      const s = await signup(t.server);
      await enrolTotp(t.server, s.accessToken, clock.now());
      expectProblem(await request(t.server).delete('/v1/me/mfa/totp').set(bearer(s.accessToken)), 403, 'step_up_required');
    });

    it('is recorded and mailed; as the last factor it takes the recovery codes along and is its own event', async () => {
      const s = await signup(t.server);
      const { secret } = await enrolTotp(t.server, s.accessToken, clock.now());
      clock.set(clock.now() + 30);
      const signedIn = await verifyMfa(t.server, await passwordStep(t.server, s.email, s.password), 'totp', totpCode(secret, clock.now())).expect(200);
      const token = signedIn.body.accessToken;
      await request(t.server).delete('/v1/me/mfa/totp').set(bearer(token)).expect(204);
      expect((await request(t.server).get('/v1/me/mfa').set(bearer(token)).expect(200)).body).toEqual({ methods: [], recoveryCodesRemaining: 0 });
      expect(await myEvents(t, token)).toEqual(expect.arrayContaining(['mfa_disabled', 'mfa_last_factor_removed']));
      expect((await outboxRowsFor(t, s.email)).map((m) => m.kind)).toContain('factor-disabled');
      expectProblem(await request(t.server).delete('/v1/me/mfa/totp').set(bearer(token)), 404, 'not_found');
      const login = await request(t.server).post('/v1/auth/login').send({ email: s.email, password: s.password }).expect(200);
      expect(login.body.mfaRequired).toBeUndefined();
    });
  });
});

describe('TOTP and recovery codes in the logs', () => {
  it('never log the secret nor a recovery code, even at debug level', async () => {
    const logs = new LogCapture();
    const t = await startAuthApp({ env: { IDENTSPHERE_LOG_LEVEL: 'debug' }, logDestination: logs });
    try {
      const clock = pinTotpClock(t);
      const s = await signup(t.server);
      const { secret, recoveryCodes } = await enrolTotp(t.server, s.accessToken, clock.now());
      clock.set(clock.now() + 30);
      const signedIn = await verifyMfa(t.server, await passwordStep(t.server, s.email, s.password), 'totp', totpCode(secret, clock.now())).expect(200);
      await verifyMfa(t.server, await passwordStep(t.server, s.email, s.password), 'recovery_code', recoveryCodes[0]).expect(200);
      const regenerated = await request(t.server).post('/v1/me/mfa/recovery-codes').set(bearer(signedIn.body.accessToken)).expect(200);
      expect(logs.requestLines().length).toBeGreaterThan(0);
      for (const value of [secret, ...recoveryCodes, ...regenerated.body.recoveryCodes]) {
        expect(logs.raw).not.toContain(value);
        expect(logs.raw).not.toContain(value.replace('-', ''));
      }
    } finally {
      jest.restoreAllMocks();
      await t.close();
    }
  });
});

describe('TOTP enrolment in a session limited to enrolling (IDENTSPHERE_MFA_REQUIRED=all)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp({ env: { IDENTSPHERE_MFA_REQUIRED: 'all' } })));
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('may start, confirm and read the enrolment, but nothing else', async () => {
    const clock = pinTotpClock(t);
    const s = await signup(t.server);
    expect(claimsOf(s.accessToken).acr).toBe('enrol');
    expectProblem(await request(t.server).get('/v1/me/sessions').set(bearer(s.accessToken)), 403, 'mfa_enrollment_required');
    const { recoveryCodes } = await enrolTotp(t.server, s.accessToken, clock.now());
    expect(recoveryCodes).toHaveLength(10);
    expect((await request(t.server).get('/v1/me/mfa').set(bearer(s.accessToken)).expect(200)).body.methods).toContain('totp');
  });
});
