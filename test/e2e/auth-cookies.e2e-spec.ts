import request from 'supertest';
import { TestApp } from '../support/test-app';
import {
  CSRF_HEADER,
  ParsedCookie,
  refreshCookieOf,
  refreshWithCookie,
  signup,
  startAuthApp,
} from '../support/auth-factories';
import { ageSession } from '../support/time-travel';

const logout = (t: TestApp, cookieHeader: string) => request(t.server).post('/v1/auth/logout').set('Cookie', cookieHeader).set(CSRF_HEADER);

function expectRefreshCookieShape(cookie: ParsedCookie | undefined, name: string, secure: boolean): asserts cookie is ParsedCookie {
  expect(cookie?.name).toBe(name);
  const attrs = cookie!.attributes;
  expect(attrs).toHaveProperty('httponly');
  expect(attrs.samesite?.toLowerCase()).toBe('strict');
  expect(attrs.path).toBe('/');
  if (secure) expect(attrs).toHaveProperty('secure');
  else expect(attrs).not.toHaveProperty('secure');
}

describe('refresh cookie without Secure (local http development)', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await startAuthApp({
        env: { IDENTSPHERE_COOKIES_SECURE: 'false', IDENTSPHERE_SESSION_IDLE_TTL: '600', IDENTSPHERE_SESSION_ABSOLUTE_TTL: '100000' },
      })),
  );
  afterAll(() => t.close());

  it('sets identsphere_refresh; HttpOnly; SameSite=Strict; Path=/ without Secure or Domain', async () => {
    const s = await signup(t.server);

    expectRefreshCookieShape(s.cookie, 'identsphere_refresh', false);
    expect(s.cookie.attributes).not.toHaveProperty('domain');
    expect(s.cookie.value.length).toBeGreaterThan(0);
  });

  it('sets Max-Age to the session idle timeout', async () => {
    const s = await signup(t.server);

    expect(Number(s.cookie?.attributes['max-age'])).toBe(600);
  });

  it('sets the same cookie attributes on refresh', async () => {
    const s = await signup(t.server);

    const res = await refreshWithCookie(t.server, s.cookieHeader);

    expect(res.status).toBe(200);
    const cookie = refreshCookieOf(res);
    expectRefreshCookieShape(cookie, 'identsphere_refresh', false);
    expect(Number(cookie.attributes['max-age'])).toBe(600);
    expect(cookie.value).not.toBe(s.cookie?.value);
  });

  it('clears the cookie on logout with Max-Age=0', async () => {
    const s = await signup(t.server);

    const res = await logout(t, s.cookieHeader);

    expect(res.status).toBe(204);
    const cleared = refreshCookieOf(res);
    expectRefreshCookieShape(cleared, 'identsphere_refresh', false);
    expect(cleared.attributes['max-age']).toBe('0');
  });
});

describe('refresh cookie Max-Age near the absolute lifetime', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp({ env: { IDENTSPHERE_SESSION_IDLE_TTL: '100', IDENTSPHERE_SESSION_ABSOLUTE_TTL: '101' } })));
  afterAll(() => t.close());

  it('caps Max-Age by the session remaining absolute lifetime', async () => {
    const s = await signup(t.server);
    expect(Number(s.cookie?.attributes['max-age'])).toBe(100);
    await ageSession(t, s.sessionId, 30);

    const res = await refreshWithCookie(t.server, s.cookieHeader);

    expect(res.status).toBe(200);
    const maxAge = Number(refreshCookieOf(res)?.attributes['max-age']);
    expect(maxAge).toBeLessThanOrEqual(71);
    expect(maxAge).toBeGreaterThanOrEqual(65);
  });
});

describe('refresh cookie with IDENTSPHERE_COOKIES_SECURE=true', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await startAuthApp({
        env: { IDENTSPHERE_COOKIES_SECURE: 'true', IDENTSPHERE_PUBLIC_BASE_URL: 'https://auth.example.com', IDENTSPHERE_SESSION_IDLE_TTL: '900' },
      })),
  );
  afterAll(() => t.close());

  it('sets __Host-identsphere_refresh; Secure; HttpOnly; SameSite=Strict; Path=/ without Domain', async () => {
    const s = await signup(t.server);

    expectRefreshCookieShape(s.cookie, '__Host-identsphere_refresh', true);
    expect(s.cookie.attributes).not.toHaveProperty('domain');
    expect(Number(s.cookie.attributes['max-age'])).toBe(900);
  });

  it('accepts the __Host- cookie for refresh', async () => {
    const s = await signup(t.server);

    const res = await refreshWithCookie(t.server, s.cookieHeader);

    expect(res.status).toBe(200);
    expectRefreshCookieShape(refreshCookieOf(res), '__Host-identsphere_refresh', true);
  });

  it('clears the __Host- cookie on logout with Max-Age=0', async () => {
    const s = await signup(t.server);

    const res = await logout(t, s.cookieHeader);

    expect(res.status).toBe(204);
    const cleared = refreshCookieOf(res);
    expectRefreshCookieShape(cleared, '__Host-identsphere_refresh', true);
    expect(cleared.attributes['max-age']).toBe('0');
  });
});

describe('refresh cookie with IDENTSPHERE_COOKIES_DOMAIN', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await startAuthApp({
        env: {
          IDENTSPHERE_COOKIES_SECURE: 'true',
          IDENTSPHERE_COOKIES_DOMAIN: 'example.com',
          IDENTSPHERE_PUBLIC_BASE_URL: 'https://auth.example.com',
        },
      })),
  );
  afterAll(() => t.close());

  it('sets __Secure-identsphere_refresh with that Domain', async () => {
    const s = await signup(t.server);

    expectRefreshCookieShape(s.cookie, '__Secure-identsphere_refresh', true);
    expect(s.cookie.attributes.domain?.replace(/^\./, '').toLowerCase()).toBe('example.com');
  });

  it('refreshes with the __Secure- cookie and clears it on logout', async () => {
    const s = await signup(t.server);

    const refreshed = await refreshWithCookie(t.server, s.cookieHeader);
    expect(refreshed.status).toBe(200);
    const next = refreshCookieOf(refreshed);
    expectRefreshCookieShape(next, '__Secure-identsphere_refresh', true);

    const res = await logout(t, `${next.name}=${next.value}`);
    expect(res.status).toBe(204);
    const cleared = refreshCookieOf(res);
    expectRefreshCookieShape(cleared, '__Secure-identsphere_refresh', true);
    expect(cleared.attributes.domain?.replace(/^\./, '').toLowerCase()).toBe('example.com');
    expect(cleared.attributes['max-age']).toBe('0');
  });
});
