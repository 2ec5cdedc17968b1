import request from 'supertest';
import { TestApp } from '../support/test-app';
import { CSRF_HEADER, bearer, expectProblem, refreshCookieOf, refreshWithCookie, signup, startAuthApp } from '../support/auth-factories';

const PUBLIC_BASE_URL = 'https://auth.example.com';
const SPA_ORIGIN = 'https://spa.example.com';
const FOREIGN_ORIGIN = 'https://evil.example.net';

describe('CSRF protection of cookie-authenticated requests', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await startAuthApp({
        env: { IDENTSPHERE_PUBLIC_BASE_URL: `${PUBLIC_BASE_URL}/`, IDENTSPHERE_CORS_ORIGINS: `${SPA_ORIGIN},https://admin.example.com` },
      })),
  );
  afterAll(() => t.close());

  const refreshRaw = (cookieHeader: string) => request(t.server).post('/v1/auth/refresh').set('Cookie', cookieHeader);
  const logoutRaw = (cookieHeader: string) => request(t.server).post('/v1/auth/logout').set('Cookie', cookieHeader);

  it('refuses a cookie refresh without X-IdentSphere-CSRF with 403 csrf_failed', async () => {
    const s = await signup(t.server);

    const res = await refreshRaw(s.cookieHeader);

    expectProblem(res, 403, 'csrf_failed');
    expect(refreshCookieOf(res)).toBeUndefined();
  });

  it('does not consume the refresh token when refusing a request for CSRF', async () => {
    const s = await signup(t.server);
    expectProblem(await refreshRaw(s.cookieHeader), 403, 'csrf_failed');
    expectProblem(await refreshWithCookie(t.server, s.cookieHeader, { Origin: FOREIGN_ORIGIN }), 403, 'csrf_failed');

    const res = await refreshWithCookie(t.server, s.cookieHeader);

    expect(res.status).toBe(200);
  });

  it('refuses a cookie refresh with a CSRF header value other than 1', async () => {
    const s = await signup(t.server);

    const res = await refreshRaw(s.cookieHeader).set('X-IdentSphere-CSRF', '0');

    expectProblem(res, 403, 'csrf_failed');
  });

  it('refuses a cookie refresh from a foreign Origin with 403 csrf_failed', async () => {
    const s = await signup(t.server);

    expectProblem(await refreshWithCookie(t.server, s.cookieHeader, { Origin: FOREIGN_ORIGIN }), 403, 'csrf_failed');
  });

  it('refuses an Origin that only shares a prefix with the public base URL', async () => {
    const s = await signup(t.server);

    expectProblem(await refreshWithCookie(t.server, s.cookieHeader, { Origin: `${PUBLIC_BASE_URL}.evil.net` }), 403, 'csrf_failed');
    expectProblem(await refreshWithCookie(t.server, s.cookieHeader, { Origin: 'http://auth.example.com' }), 403, 'csrf_failed');
  });

  it('accepts a cookie refresh from the public base URL origin', async () => {
    const s = await signup(t.server);

    const res = await refreshWithCookie(t.server, s.cookieHeader, { Origin: PUBLIC_BASE_URL });

    expect(res.status).toBe(200);
  });

  it('accepts a cookie refresh from an origin listed in IDENTSPHERE_CORS_ORIGINS', async () => {
    const s = await signup(t.server);

    const res = await refreshWithCookie(t.server, s.cookieHeader, { Origin: SPA_ORIGIN });

    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(SPA_ORIGIN);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
  });

  it('applies the CSRF rule only to cookie-authenticated requests: a bearer-mode refresh needs no CSRF header', async () => {
    const s = await signup(t.server, { mode: 'bearer' });

    const res = await request(t.server).post('/v1/auth/refresh').set('X-Auth-Mode', 'bearer').send({ refreshToken: s.refreshToken });

    expect(res.status).toBe(200);
  });

  it('refuses a cookie logout without the CSRF header and keeps the session', async () => {
    const s = await signup(t.server);

    expectProblem(await logoutRaw(s.cookieHeader), 403, 'csrf_failed');
    expect((await request(t.server).get('/v1/me').set(bearer(s.accessToken))).status).toBe(200);
  });

  it('refuses a cookie logout from a foreign Origin and keeps the session', async () => {
    const s = await signup(t.server);

    const res = await logoutRaw(s.cookieHeader).set(CSRF_HEADER).set('Origin', FOREIGN_ORIGIN);

    expectProblem(res, 403, 'csrf_failed');
    expect((await request(t.server).get('/v1/me').set(bearer(s.accessToken))).status).toBe(200);
  });

  it('accepts a cookie logout from a listed origin', async () => {
    const s = await signup(t.server);

    const res = await logoutRaw(s.cookieHeader).set(CSRF_HEADER).set('Origin', SPA_ORIGIN);

    expect(res.status).toBe(204);
  });
});

describe('CORS', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp({ env: { IDENTSPHERE_CORS_ORIGINS: SPA_ORIGIN } })));
  afterAll(() => t.close());

  const preflight = (origin: string) =>
    request(t.server)
      .options('/v1/auth/refresh')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,x-identsphere-csrf,x-auth-mode');

  it('allows credentials in a preflight from a listed origin', async () => {
    const res = await preflight(SPA_ORIGIN);

    expect(res.status).toBeLessThan(300);
    expect(res.headers['access-control-allow-origin']).toBe(SPA_ORIGIN);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-allow-headers']?.toLowerCase()).toContain('x-identsphere-csrf');
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('does not allow an unlisted origin in a preflight', async () => {
    const res = await preflight(FOREIGN_ORIGIN);

    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).not.toBe('true');
  });

  it('does not grant an unlisted origin credentialed access on a simple request', async () => {
    const res = await request(t.server).get('/health/live').set('Origin', FOREIGN_ORIGIN);

    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
