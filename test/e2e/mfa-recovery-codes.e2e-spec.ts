import request from 'supertest';
import { bearer, dataSource, expectProblem, signup, startAuthApp } from '../support/auth-factories';
import { outboxRowsFor } from '../support/mail-factories';
import { claimsOf, enrolTotp, passwordStep, pinTotpClock, verifyMfa } from '../support/mfa-factories';
import type { TestApp } from '../support/test-app';
import { totpCode } from '../support/totp';

const myEvents = async (t: TestApp, accessToken: string): Promise<string[]> =>
  (await request(t.server).get('/v1/me/events?limit=100').set(bearer(accessToken)).expect(200)).body.items.map((e: { type: string }) => e.type);

describe('recovery codes', () => {
  let t: TestApp;
  let clock: ReturnType<typeof pinTotpClock>;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());
  beforeEach(() => (clock = pinTotpClock(t)));
  afterEach(() => jest.restoreAllMocks());

  /** An account with TOTP and a session that proved it (fresh enough for step-up routes). */
  async function mfaAccount() {
    const s = await signup(t.server);
    const enrolled = await enrolTotp(t.server, s.accessToken, clock.now());
    clock.set(clock.now() + 30);
    const signedIn = await verifyMfa(t.server, await passwordStep(t.server, s.email, s.password), 'totp', totpCode(enrolled.secret, clock.now())).expect(200);
    return { ...s, ...enrolled, accessToken: signedIn.body.accessToken as string };
  }

  it('are stored as digests only', async () => {
    const a = await mfaAccount();
    const rows: Array<{ digest: string }> = await dataSource(t).query('SELECT digest FROM recovery_codes WHERE user_id = $1', [a.user.id]);
    expect(rows).toHaveLength(10);
    const stored = JSON.stringify(rows);
    for (const code of a.recoveryCodes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace('-', ''));
    }
  });

  it('complete a login once each, say how many remain, and mail the owner', async () => {
    const a = await mfaAccount();
    const res = await verifyMfa(t.server, await passwordStep(t.server, a.email, a.password), 'recovery_code', a.recoveryCodes[0].toUpperCase()).expect(200);
    expect(claimsOf(res.body.accessToken).amr).toEqual(expect.arrayContaining(['pwd', 'otp']));
    expect(res.body.recoveryCodesRemaining).toBe(9);
    expectProblem(await verifyMfa(t.server, await passwordStep(t.server, a.email, a.password), 'recovery_code', a.recoveryCodes[0]), 401, 'invalid_code');
    expect((await request(t.server).get('/v1/me/mfa').set(bearer(a.accessToken)).expect(200)).body.recoveryCodesRemaining).toBe(9);
    expect(await myEvents(t, a.accessToken)).toContain('recovery_code_used');
    expect((await outboxRowsFor(t, a.email)).map((m) => m.kind)).toContain('recovery-code-used');
  });

  it('count down in the login answer, bearer and cookie mode alike; a TOTP login carries no count', async () => {
    const a = await mfaAccount();
    const first = await verifyMfa(t.server, await passwordStep(t.server, a.email, a.password), 'recovery_code', a.recoveryCodes[0]).expect(200);
    expect([first.body.recoveryCodesRemaining, typeof first.body.refreshToken]).toEqual([9, 'string']);
    const cookieMode = await request(t.server)
      .post('/v1/auth/mfa/verify')
      .send({ mfaToken: await passwordStep(t.server, a.email, a.password), method: 'recovery_code', code: a.recoveryCodes[1] })
      .expect(200);
    expect([cookieMode.body.recoveryCodesRemaining, cookieMode.body.refreshToken]).toEqual([8, undefined]);
    clock.set(clock.now() + 60);
    const totp = await verifyMfa(t.server, await passwordStep(t.server, a.email, a.password), 'totp', totpCode(a.secret, clock.now())).expect(200);
    expect(totp.body).not.toHaveProperty('recoveryCodesRemaining');
    const sessionBound = { accessToken: totp.body.accessToken, sessionId: totp.body.sessionId, refreshToken: totp.body.refreshToken };
    expect({ ...first.body, ...sessionBound }).toEqual({ ...totp.body, recoveryCodesRemaining: 9 });
  });

  it('of one account do not work for another', async () => {
    const a = await mfaAccount();
    const b = await mfaAccount();
    expectProblem(await verifyMfa(t.server, await passwordStep(t.server, b.email, b.password), 'recovery_code', a.recoveryCodes[0]), 401, 'invalid_code');
  });

  it('sent twice at once complete one login', async () => {
    const a = await mfaAccount();
    const tokens = [await passwordStep(t.server, a.email, a.password), await passwordStep(t.server, a.email, a.password)];
    const answers = await Promise.all(tokens.map((token) => verifyMfa(t.server, token, 'recovery_code', a.recoveryCodes[1])));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('regenerated: a new set of 10, the old codes dead, recorded and mailed', async () => {
    const a = await mfaAccount();
    const res = await request(t.server).post('/v1/me/mfa/recovery-codes').set(bearer(a.accessToken)).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.recoveryCodes).toHaveLength(10);
    expect(res.body.recoveryCodes.filter((c: string) => a.recoveryCodes.includes(c))).toEqual([]);
    expectProblem(await verifyMfa(t.server, await passwordStep(t.server, a.email, a.password), 'recovery_code', a.recoveryCodes[2]), 401, 'invalid_code');
    await verifyMfa(t.server, await passwordStep(t.server, a.email, a.password), 'recovery_code', res.body.recoveryCodes[2]).expect(200);
    expect(await myEvents(t, a.accessToken)).toContain('recovery_codes_regenerated');
    expect((await outboxRowsFor(t, a.email)).map((m) => m.kind)).toContain('recovery-codes-regenerated');
  });

  it('are regenerated only after a recent step-up', async () => {
    const s = await signup(t.server);
    await enrolTotp(t.server, s.accessToken, clock.now());
    expectProblem(await request(t.server).post('/v1/me/mfa/recovery-codes').set(bearer(s.accessToken)), 403, 'step_up_required');
  });

  it('step up a session, and the stepped-up session may regenerate them', async () => {
    const s = await signup(t.server);
    const { recoveryCodes } = await enrolTotp(t.server, s.accessToken, clock.now());
    const stepUp = await request(t.server).post('/v1/auth/step-up').set(bearer(s.accessToken)).send({ method: 'recovery_code', code: recoveryCodes[3] }).expect(200);
    expect(claimsOf(stepUp.body.accessToken).amr).toEqual(expect.arrayContaining(['otp']));
    expect(stepUp.body.recoveryCodesRemaining).toBe(9);
    const again = await request(t.server).post('/v1/auth/step-up').set(bearer(s.accessToken)).send({ method: 'recovery_code', code: recoveryCodes[4] }).expect(200);
    expect(again.body.recoveryCodesRemaining).toBe(8);
    const byPassword = await request(t.server).post('/v1/auth/step-up').set(bearer(s.accessToken)).send({ method: 'password', password: s.password }).expect(200);
    expect(byPassword.body).not.toHaveProperty('recoveryCodesRemaining');
    await request(t.server).post('/v1/me/mfa/recovery-codes').set(bearer(stepUp.body.accessToken)).expect(200);
    expect(await myEvents(t, s.accessToken)).toEqual(expect.arrayContaining(['recovery_code_used', 'recovery_codes_regenerated']));
  });

  it('cannot be made for an account without a second factor', async () => {
    const s = await signup(t.server);
    expectProblem(await request(t.server).post('/v1/me/mfa/recovery-codes').set(bearer(s.accessToken)), 409, 'mfa_not_enabled');
  });

  it('go with the last factor, so a new enrolment hands out a fresh set', async () => {
    const a = await mfaAccount();
    await request(t.server).delete('/v1/me/mfa/totp').set(bearer(a.accessToken)).expect(204);
    const again = await enrolTotp(t.server, a.accessToken, clock.now());
    expect(again.recoveryCodes).toHaveLength(10);
  });
});
