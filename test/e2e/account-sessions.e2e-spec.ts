import request from 'supertest';
import { TestApp } from '../support/test-app';
import {
  CSRF_HEADER,
  bearer,
  expectProblem,
  login,
  randomId,
  refreshCookieOf,
  refreshWithCookie,
  refreshWithToken,
  signup,
  startAuthApp,
} from '../support/auth-factories';
import { ageSession } from '../support/time-travel';

describe('listing and revoking sessions (/v1/me/sessions)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  const list = (accessToken: string) => request(t.server).get('/v1/me/sessions').set(bearer(accessToken));

  it('lists every session with the current flag, user agent and ip', async () => {
    const s = await signup(t.server, { userAgent: 'Laptop-Browser/1.0' });
    const phone = await login(t.server, { email: s.email, password: s.password, userAgent: 'Phone-App/2.0' });

    const res = await list(s.accessToken);

    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    const byId = new Map(res.body.items.map((i: { id: string }) => [i.id, i]));
    expect(byId.get(s.sessionId)).toEqual({
      id: s.sessionId,
      current: true,
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
      expiresAt: expect.any(String),
      userAgent: 'Laptop-Browser/1.0',
      ip: expect.stringMatching(/127\.0\.0\.1|::1/),
    });
    expect(byId.get(phone.sessionId)).toMatchObject({ current: false, userAgent: 'Phone-App/2.0' });
  });

  it('reports ISO 8601 UTC timestamps and moves lastUsedAt forward on refresh', async () => {
    const s = await signup(t.server, { mode: 'bearer' });
    await ageSession(t, s.sessionId, 60);
    const before = (await list(s.accessToken)).body.items[0];
    for (const field of ['createdAt', 'lastUsedAt', 'expiresAt']) expect(new Date(before[field]).toISOString()).toBe(before[field]);

    const next = await refreshWithToken(t.server, s.refreshToken).expect(200);

    const after = (await list(next.body.accessToken)).body.items[0];
    expect(after.id).toBe(s.sessionId);
    expect(Date.parse(after.lastUsedAt)).toBeGreaterThan(Date.parse(before.lastUsedAt));
    expect(after.createdAt).toBe(before.createdAt);
  });

  it('marks the caller session as current, whichever session calls', async () => {
    const s = await signup(t.server);
    const phone = await login(t.server, { email: s.email, password: s.password });

    const res = await list(phone.accessToken);

    const current = res.body.items.filter((i: { current: boolean }) => i.current);
    expect(current.map((i: { id: string }) => i.id)).toEqual([phone.sessionId]);
  });

  it('does not list sessions of other users', async () => {
    const a = await signup(t.server);
    const b = await signup(t.server);

    const res = await list(a.accessToken);

    expect(res.body.items.map((i: { id: string }) => i.id)).not.toContain(b.sessionId);
  });

  it('revokes one session with 204: its access token and refresh token die, the others live', async () => {
    const s = await signup(t.server);
    const phone = await login(t.server, { email: s.email, password: s.password });

    const res = await request(t.server).delete(`/v1/me/sessions/${phone.sessionId}`).set(bearer(s.accessToken));

    expect(res.status).toBe(204);
    expectProblem(await request(t.server).get('/v1/me').set(bearer(phone.accessToken)), 401, 'unauthorized');
    expectProblem(await refreshWithCookie(t.server, phone.cookieHeader), 401, 'session_revoked');
    expect((await list(s.accessToken)).body.items.map((i: { id: string }) => i.id)).toEqual([s.sessionId]);
  });

  it('revokes the current session itself: the caller is signed out at once', async () => {
    const s = await signup(t.server);

    await request(t.server).delete(`/v1/me/sessions/${s.sessionId}`).set(bearer(s.accessToken)).expect(204);

    expectProblem(await request(t.server).get('/v1/me').set(bearer(s.accessToken)), 401, 'unauthorized');
    expectProblem(await refreshWithCookie(t.server, s.cookieHeader), 401, 'session_revoked');
  });

  it("answers 404 not_found for another user's session and leaves it alive", async () => {
    const a = await signup(t.server);
    const b = await signup(t.server);

    const res = await request(t.server).delete(`/v1/me/sessions/${b.sessionId}`).set(bearer(a.accessToken));

    expectProblem(res, 404, 'not_found');
    expect((await request(t.server).get('/v1/me').set(bearer(b.accessToken))).status).toBe(200);
  });

  it('answers 404 not_found for an unknown session id', async () => {
    const s = await signup(t.server);

    expectProblem(await request(t.server).delete(`/v1/me/sessions/${randomId()}`).set(bearer(s.accessToken)), 404, 'not_found');
  });

  it('answers a non-uuid session id with a 400 or 404 problem, never a 500', async () => {
    const s = await signup(t.server);

    const res = await request(t.server).delete('/v1/me/sessions/not-a-uuid').set(bearer(s.accessToken));

    expect([400, 404]).toContain(res.status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toEqual(expect.any(String));
  });
});

describe('logout and logout-all', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  const me = (accessToken: string) => request(t.server).get('/v1/me').set(bearer(accessToken));
  const cookieLogout = (cookieHeader: string) => request(t.server).post('/v1/auth/logout').set('Cookie', cookieHeader).set(CSRF_HEADER);

  it('kills the session access token at once on cookie logout', async () => {
    const s = await signup(t.server);
    expect((await me(s.accessToken)).status).toBe(200);

    const res = await cookieLogout(s.cookieHeader);

    expect(res.status).toBe(204);
    expect(refreshCookieOf(res)?.attributes['max-age']).toBe('0');
    expectProblem(await me(s.accessToken), 401, 'unauthorized');
    expect((await me(s.accessToken)).headers['www-authenticate']).toMatch(/error="invalid_token"/);
    expectProblem(await refreshWithCookie(t.server, s.cookieHeader), 401, 'session_revoked');
  });

  it('is idempotent: logging out twice answers 204 both times', async () => {
    const s = await signup(t.server);

    expect((await cookieLogout(s.cookieHeader)).status).toBe(204);
    expect((await cookieLogout(s.cookieHeader)).status).toBe(204);
  });

  it('answers 204 to a logout without any credentials', async () => {
    expect((await request(t.server).post('/v1/auth/logout')).status).toBe(204);
  });

  it('logs out every session with logout-all: all access tokens, the current one included, die at once', async () => {
    const s = await signup(t.server, { mode: 'bearer' });
    const second = await login(t.server, { email: s.email, password: s.password, mode: 'bearer' });
    const third = await login(t.server, { email: s.email, password: s.password });

    const res = await request(t.server).post('/v1/auth/logout-all').set(bearer(second.accessToken));

    expect(res.status).toBe(204);
    for (const session of [s, second, third]) expectProblem(await me(session.accessToken), 401, 'unauthorized');
    expectProblem(await refreshWithToken(t.server, s.refreshToken), 401, 'session_revoked');
    expectProblem(await refreshWithCookie(t.server, third.cookieHeader), 401, 'session_revoked');
  });

  it("leaves other users' sessions alive on logout-all", async () => {
    const a = await signup(t.server);
    const b = await signup(t.server);

    await request(t.server).post('/v1/auth/logout-all').set(bearer(a.accessToken)).expect(204);

    expect((await me(b.accessToken)).status).toBe(200);
  });

  it('refuses logout-all without an access token with 401', async () => {
    const res = await request(t.server).post('/v1/auth/logout-all');

    expectProblem(res, 401, 'unauthorized');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });
});
