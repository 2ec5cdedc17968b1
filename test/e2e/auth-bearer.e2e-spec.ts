import request from 'supertest';
import { TestApp } from '../support/test-app';
import {
  BEARER_MODE,
  bearer,
  expectProblem,
  login,
  refreshWithToken,
  setCookies,
  signup,
  startAuthApp,
} from '../support/auth-factories';

describe('bearer mode (X-Auth-Mode: bearer)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  it('returns the refresh token in the signup body and sets no cookie', async () => {
    const s = await signup(t.server, { mode: 'bearer' });

    expect(s.body).toEqual(
      expect.objectContaining({ accessToken: expect.any(String), tokenType: 'Bearer', refreshToken: expect.any(String), sessionId: s.sessionId }),
    );
    expect(s.res.headers['set-cookie']).toBeUndefined();
    expect(s.res.headers['cache-control']).toMatch(/no-store/);
  });

  it('returns the refresh token in the login body and sets no cookie', async () => {
    const s = await signup(t.server);

    const l = await login(t.server, { email: s.email, password: s.password, mode: 'bearer' });

    expect(l.body.refreshToken).toEqual(expect.any(String));
    expect(setCookies(l.res)).toEqual([]);
  });

  it('refreshes with { refreshToken } in the body, rotating it, without cookie or CSRF header', async () => {
    const s = await signup(t.server, { mode: 'bearer' });

    const res = await refreshWithToken(t.server, s.refreshToken);

    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({ accessToken: expect.any(String), tokenType: 'Bearer', refreshToken: expect.any(String), sessionId: s.sessionId }),
    );
    expect(res.body.refreshToken).not.toBe(s.refreshToken);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['cache-control']).toMatch(/no-store/);
    expect((await request(t.server).get('/v1/me').set(bearer(res.body.accessToken))).status).toBe(200);
  });

  it('rejects an unknown property next to the refresh token', async () => {
    const s = await signup(t.server, { mode: 'bearer' });

    const res = await request(t.server).post('/v1/auth/refresh').set(BEARER_MODE).send({ refreshToken: s.refreshToken, extra: 1 });

    expectProblem(res, 400, 'validation_failed');
  });

  it('refuses a refresh token that was never issued with 401', async () => {
    const s = await signup(t.server, { mode: 'bearer' });
    const forged = s.refreshToken.slice(0, -4) + (s.refreshToken.endsWith('AAAA') ? 'BBBB' : 'AAAA');

    const res = await refreshWithToken(t.server, forged);

    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('logs out with { refreshToken }: 204, the token is dead and the access token is refused', async () => {
    const s = await signup(t.server, { mode: 'bearer' });

    const out = await request(t.server).post('/v1/auth/logout').set(BEARER_MODE).send({ refreshToken: s.refreshToken });

    expect(out.status).toBe(204);
    // Bearer mode never gets a cookie, not even a clearing one.
    expect(out.headers['set-cookie']).toBeUndefined();
    expectProblem(await refreshWithToken(t.server, s.refreshToken), 401, 'session_revoked');
    expectProblem(await request(t.server).get('/v1/me').set(bearer(s.accessToken)), 401, 'unauthorized');
  });

  it('is idempotent in bearer mode: the same refresh token logs out twice with 204', async () => {
    const s = await signup(t.server, { mode: 'bearer' });
    const logout = () => request(t.server).post('/v1/auth/logout').set(BEARER_MODE).send({ refreshToken: s.refreshToken });

    expect((await logout()).status).toBe(204);
    expect((await logout()).status).toBe(204);
  });

  it('logs out with only the access token', async () => {
    const s = await signup(t.server, { mode: 'bearer' });

    const out = await request(t.server).post('/v1/auth/logout').set(bearer(s.accessToken));

    expect(out.status).toBe(204);
    expectProblem(await request(t.server).get('/v1/me').set(bearer(s.accessToken)), 401, 'unauthorized');
    expectProblem(await refreshWithToken(t.server, s.refreshToken), 401, 'session_revoked');
  });

  it('leaves the other sessions of the user alive on logout', async () => {
    const s = await signup(t.server, { mode: 'bearer' });
    const other = await login(t.server, { email: s.email, password: s.password, mode: 'bearer' });

    await request(t.server).post('/v1/auth/logout').set(BEARER_MODE).send({ refreshToken: s.refreshToken }).expect(204);

    expect((await request(t.server).get('/v1/me').set(bearer(other.accessToken))).status).toBe(200);
    expect((await refreshWithToken(t.server, other.refreshToken)).status).toBe(200);
  });
});
