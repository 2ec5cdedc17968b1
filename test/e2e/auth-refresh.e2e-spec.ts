import request from 'supertest';
import { TestApp } from '../support/test-app';
import {
  bearer,
  expectProblem,
  refreshCookieOf,
  refreshWithCookie,
  refreshWithToken,
  rotated,
  signup,
  startAuthApp,
} from '../support/auth-factories';
import { ageSession } from '../support/time-travel';

const me = (t: TestApp, accessToken: string) => request(t.server).get('/v1/me').set(bearer(accessToken));

describe('refresh rotation within the grace window', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp({ listen: true, env: { IDENTSPHERE_REFRESH_GRACE: '30' } })));
  afterAll(() => t.close());

  it('returns a new refresh token and a working access token on each refresh', async () => {
    const s = await signup(t.server);

    const first = rotated(await refreshWithCookie(t.server, s.cookieHeader));
    const second = rotated(await refreshWithCookie(t.server, first.cookieHeader));

    expect(new Set([s.refreshToken, first.refreshToken, second.refreshToken]).size).toBe(3);
    expect((await me(t, second.accessToken)).status).toBe(200);
  });

  it('answers a refresh with the login-like body, Cache-Control no-store and the same session id', async () => {
    const s = await signup(t.server);

    const res = await refreshWithCookie(t.server, s.cookieHeader);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: expect.objectContaining({ id: s.user.id, email: s.email }),
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: t.config.tokens.accessTtlSeconds,
      sessionId: s.sessionId,
    });
    expect(res.headers['cache-control']).toMatch(/no-store/);
  });

  it('answers the just-replaced token within the grace window with the SAME successor token', async () => {
    const s = await signup(t.server);
    const successor = rotated(await refreshWithCookie(t.server, s.cookieHeader));

    const retry = rotated(await refreshWithCookie(t.server, s.cookieHeader));

    expect(retry.refreshToken).toBe(successor.refreshToken);
    expect(rotated(await refreshWithCookie(t.server, successor.cookieHeader)).refreshToken).not.toBe(successor.refreshToken);
  });

  it('converges two concurrent refreshes with one token on one successor and one live session', async () => {
    const s = await signup(t.server, { mode: 'bearer' });

    const [a, b] = await Promise.all([refreshWithToken(t.baseUrl, s.refreshToken), refreshWithToken(t.baseUrl, s.refreshToken)]);

    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.refreshToken).toBe(b.body.refreshToken);
    expect(a.body.sessionId).toBe(s.sessionId);
    expect(b.body.sessionId).toBe(s.sessionId);
    const sessions = await request(t.server).get('/v1/me/sessions').set(bearer(a.body.accessToken));
    expect(sessions.body.items).toHaveLength(1);
    expect((await refreshWithToken(t.server, a.body.refreshToken)).status).toBe(200);
  });

  it('converges five concurrent cookie refreshes (five tabs) on one successor token', async () => {
    const s = await signup(t.server);

    const results = await Promise.all(Array.from({ length: 5 }, () => refreshWithCookie(t.baseUrl, s.cookieHeader)));

    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => rotated(r).refreshToken)).size).toBe(1);
    expect((await refreshWithCookie(t.server, rotated(results[0]).cookieHeader)).status).toBe(200);
  });

  it('treats a token two rotations old as reuse even within the grace window', async () => {
    const s = await signup(t.server, { mode: 'bearer' });
    const first = await refreshWithToken(t.server, s.refreshToken);
    const second = await refreshWithToken(t.server, first.body.refreshToken);
    expect(second.status).toBe(200);

    expectProblem(await refreshWithToken(t.server, s.refreshToken), 401, 'refresh_token_reused');
    expect((await me(t, second.body.accessToken)).status).toBe(401);
  });

  it('accepts a cookie refresh POST without body and without Content-Type', async () => {
    const s = await signup(t.server);

    const res = await request(t.server).post('/v1/auth/refresh').set('Cookie', s.cookieHeader).set('X-IdentSphere-CSRF', '1');

    expect(res.status).toBe(200);
    expect(refreshCookieOf(res)).toBeDefined();
  });

  it('refuses the refresh of a revoked session with 401 session_revoked', async () => {
    const s = await signup(t.server);
    await request(t.server).delete(`/v1/me/sessions/${s.sessionId}`).set(bearer(s.accessToken)).expect(204);

    expectProblem(await refreshWithCookie(t.server, s.cookieHeader), 401, 'session_revoked');
  });
});

describe('refresh token reuse after the grace window', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp({ env: { IDENTSPHERE_REFRESH_GRACE: '1' } })));
  afterAll(() => t.close());

  it('revokes the session: 401 refresh_token_reused, then its access tokens and current token are refused', async () => {
    const s = await signup(t.server, { mode: 'bearer' });
    const next = await refreshWithToken(t.server, s.refreshToken);
    expect(next.status).toBe(200);
    expect((await me(t, next.body.accessToken)).status).toBe(200);
    await ageSession(t, s.sessionId, 2);

    expectProblem(await refreshWithToken(t.server, s.refreshToken), 401, 'refresh_token_reused');

    expectProblem(await me(t, next.body.accessToken), 401, 'unauthorized');
    expectProblem(await me(t, s.accessToken), 401, 'unauthorized');
    const current = await refreshWithToken(t.server, next.body.refreshToken);
    expect(current.status).toBe(401);
    expect(['session_revoked', 'refresh_token_reused']).toContain(current.body.code);
  });

  it('leaves the other sessions of the user alive', async () => {
    const s = await signup(t.server, { mode: 'bearer' });
    const other = await request(t.server).post('/v1/auth/login').set('X-Auth-Mode', 'bearer').send({ email: s.email, password: s.password });
    await refreshWithToken(t.server, s.refreshToken).expect(200);
    await ageSession(t, s.sessionId, 2);

    expectProblem(await refreshWithToken(t.server, s.refreshToken), 401, 'refresh_token_reused');

    expect((await me(t, other.body.accessToken)).status).toBe(200);
    expect((await refreshWithToken(t.server, other.body.refreshToken)).status).toBe(200);
  });
});

describe('session idle expiry', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp({ env: { IDENTSPHERE_SESSION_IDLE_TTL: '1', IDENTSPHERE_SESSION_ABSOLUTE_TTL: '3600' } })));
  afterAll(() => t.close());

  it('refuses a refresh after the idle timeout with 401 session_expired and refuses its access tokens', async () => {
    const s = await signup(t.server);
    await ageSession(t, s.sessionId, 2);

    expectProblem(await refreshWithCookie(t.server, s.cookieHeader), 401, 'session_expired');
    expectProblem(await me(t, s.accessToken), 401, 'unauthorized');
  });
});

describe('session absolute expiry', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp({ env: { IDENTSPHERE_SESSION_IDLE_TTL: '3', IDENTSPHERE_SESSION_ABSOLUTE_TTL: '4' } })));
  afterAll(() => t.close());

  it('restarts the idle clock at each refresh but ends the session at the absolute lifetime', async () => {
    const s = await signup(t.server);
    await ageSession(t, s.sessionId, 1.5);
    const first = rotated(await refreshWithCookie(t.server, s.cookieHeader));
    await ageSession(t, s.sessionId, 1.5);
    const second = rotated(await refreshWithCookie(t.server, first.cookieHeader));
    await ageSession(t, s.sessionId, 1.5);

    expectProblem(await refreshWithCookie(t.server, second.cookieHeader), 401, 'session_expired');
    expectProblem(await me(t, second.accessToken), 401, 'unauthorized');
  });
});
