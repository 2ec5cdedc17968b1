import request from 'supertest';
import { TestApp } from '../support/test-app';
import {
  disableUser,
  expectProblem,
  login,
  refreshCookieOf,
  signup,
  startAuthApp,
  uniqueEmail,
  withoutRequestId,
} from '../support/auth-factories';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe('login', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  const tryLogin = (email: string, password: string) => request(t.server).post('/v1/auth/login').send({ email, password });

  it('answers 200 with a login-like body, a new session and the refresh token only as a cookie', async () => {
    const s = await signup(t.server);

    const res = await tryLogin(s.email, s.password);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: expect.objectContaining({ id: s.user.id, email: s.email }),
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: t.config.tokens.accessTtlSeconds,
      sessionId: expect.stringMatching(UUID),
    });
    expect(res.body.sessionId).not.toBe(s.sessionId);
    expect(refreshCookieOf(res)).toBeDefined();
    expect(res.headers['cache-control']).toMatch(/no-store/);
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('answers a wrong password and an unknown email with identical 401 invalid_credentials bodies', async () => {
    const s = await signup(t.server);

    const wrong = await tryLogin(s.email, `${s.password}x`);
    const unknown = await tryLogin(uniqueEmail(), s.password);

    expectProblem(wrong, 401, 'invalid_credentials');
    expectProblem(unknown, 401, 'invalid_credentials');
    expect(withoutRequestId(unknown.body)).toEqual(withoutRequestId(wrong.body));
    expect(refreshCookieOf(wrong)).toBeUndefined();
  });

  it('rejects a case-flipped password', async () => {
    const s = await signup(t.server, { password: 'Harbour-lights-Wander-83' });

    expectProblem(await tryLogin(s.email, 'hARBOUR-LIGHTS-wANDER-83'), 401, 'invalid_credentials');
    expectProblem(await tryLogin(s.email, 'harbour-lights-wander-83'), 401, 'invalid_credentials');
  });

  it('does not trim passwords: trailing or leading spaces fail', async () => {
    const s = await signup(t.server);

    expectProblem(await tryLogin(s.email, `${s.password} `), 401, 'invalid_credentials');
    expectProblem(await tryLogin(s.email, ` ${s.password}`), 401, 'invalid_credentials');
  });

  it('keeps spaces that are part of the password', async () => {
    const password = '  padded passphrase with spaces  ';
    const s = await signup(t.server, { password });

    expect((await tryLogin(s.email, password)).status).toBe(200);
    expectProblem(await tryLogin(s.email, password.trim()), 401, 'invalid_credentials');
  });

  it('logs in with the ASCII form of a fullwidth (NFKC-equivalent) password', async () => {
    const fullwidth = 'Ｃｏｒａｌ－ｔｉｍｂｅｒ－ｆｌｉｇｈｔ－４２';
    const s = await signup(t.server, { password: fullwidth });

    const res = await tryLogin(s.email, 'Coral-timber-flight-42');

    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(s.user.id);
  });

  it('logs in with "fi" for a password signed up with the ligature "ﬁ", and vice versa', async () => {
    const a = await signup(t.server, { password: 'ﬁreﬂy-orchard-lantern-93' });
    expect((await tryLogin(a.email, 'firefly-orchard-lantern-93')).status).toBe(200);

    const b = await signup(t.server, { password: 'profile-quiet-harvest-71' });
    expect((await tryLogin(b.email, 'proﬁle-quiet-harvest-71')).status).toBe(200);
  });

  it('answers 403 account_disabled for a disabled account, but only after a correct password', async () => {
    const s = await signup(t.server);
    await disableUser(t, s.user.id);

    expectProblem(await tryLogin(s.email, `${s.password}-wrong`), 401, 'invalid_credentials');
    expectProblem(await tryLogin(s.email, s.password), 403, 'account_disabled');
  });

  it('rejects a login body with an unknown property', async () => {
    const s = await signup(t.server);

    const res = await request(t.server).post('/v1/auth/login').send({ email: s.email, password: s.password, remember: true });

    expectProblem(res, 400, 'validation_failed');
  });

  it('opens one session per login', async () => {
    const s = await signup(t.server);
    const second = await login(t.server, { email: s.email, password: s.password });

    const list = await request(t.server).get('/v1/me/sessions').set('Authorization', `Bearer ${second.accessToken}`);

    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id).sort()).toEqual([s.sessionId, second.sessionId].sort());
  });
});
