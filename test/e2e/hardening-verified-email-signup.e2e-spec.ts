import request from 'supertest';
import { BEARER_MODE, dataSource, expectProblem, login, refreshCookieOf, refreshWithCookie, refreshWithToken, signup, strongPassword, uniqueEmail } from '../support/auth-factories';
import { confirmVerification, startMailApp, tokenOf } from '../support/mail-factories';
import { SmtpSink } from '../support/smtp-sink';
import { TestApp } from '../support/test-app';

describe('signup and refresh with IDENTSPHERE_REQUIRE_VERIFIED_EMAIL=true', () => {
  let sink: SmtpSink;
  let t: TestApp;
  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startMailApp(sink, { env: { IDENTSPHERE_REQUIRE_VERIFIED_EMAIL: 'true' } });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  const sessionsOf = async (userId: string) => (await dataSource(t).query('SELECT id FROM sessions WHERE user_id = $1', [userId])) as unknown[];

  it.each(['cookie', 'bearer'] as const)('answers 201 with the user only in %s mode: no token, no cookie, no session', async (mode) => {
    const email = uniqueEmail();
    const req = request(t.server).post('/v1/auth/signup');
    if (mode === 'bearer') req.set(BEARER_MODE);
    const res = await req.send({ email, password: strongPassword() });

    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(['user']);
    expect(res.body.user).toMatchObject({ email, emailVerified: false });
    expect(refreshCookieOf(res)).toBeUndefined();
    expect(await sessionsOf(res.body.user.id)).toEqual([]);
    await sink.waitForMail(email, 'verify-email');
  });

  it('signs in after the address is verified', async () => {
    const s = await signup(t.server);
    await confirmVerification(t.server, tokenOf(await sink.waitForMail(s.email, 'verify-email'))).expect(200);
    expect((await login(t.server, { email: s.email, password: s.password })).user.emailVerified).toBe(true);
  });

  it('refuses to refresh a session of an unverified account with 403 email_not_verified', async () => {
    // A session from before the flag was turned on: sign in while verified, then lose the verification.
    const s = await signup(t.server);
    await confirmVerification(t.server, tokenOf(await sink.waitForMail(s.email, 'verify-email'))).expect(200);
    const cookieSession = await login(t.server, { email: s.email, password: s.password });
    const bearerSession = await login(t.server, { email: s.email, password: s.password, mode: 'bearer' });
    await dataSource(t).query('UPDATE users SET email_verified = false WHERE id = $1', [s.user.id]);

    expectProblem(await refreshWithCookie(t.server, cookieSession.cookieHeader), 403, 'email_not_verified');
    expectProblem(await refreshWithToken(t.server, bearerSession.refreshToken), 403, 'email_not_verified');
  });
});
