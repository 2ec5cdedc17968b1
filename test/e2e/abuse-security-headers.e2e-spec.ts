import request, { Response } from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

function expectJsonApiHeaders(res: Response): void {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
  expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(res.headers['x-powered-by']).toBeUndefined();
}

describe('security headers (plain http development, cookies not Secure)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('sets nosniff, frame-deny, no-referrer and a deny-all CSP on API responses', async () => {
    expectJsonApiHeaders(await request(t.server).get('/health/live').expect(200));
  });

  it('sets them on error responses too', async () => {
    expectJsonApiHeaders(await request(t.server).get('/v1/no-such-route').expect(404));
    expectJsonApiHeaders(await request(t.server).post('/v1/auth/login').set('Content-Type', 'application/json').send('{bad').expect(400));
  });

  it('sends no HSTS over plain http', async () => {
    expect((await request(t.server).get('/health/live')).headers['strict-transport-security']).toBeUndefined();
  });

  it('keeps /docs working: its CSP allows its own scripts and styles, and the assets load', async () => {
    const page = await request(t.server).get('/docs').redirects(1).expect(200);
    const csp = page.headers['content-security-policy'];
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    // Every script the page references is same-origin and served (no inline script that the CSP would block).
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    const pageUrl = page.redirects.at(-1) ?? 'http://localhost/docs';
    for (const [, attributes, body] of scripts) {
      expect(body.trim()).toBe('');
      const src = /src=['"]([^'"]+)['"]/.exec(attributes)?.[1] ?? '';
      const url = new URL(src, pageUrl);
      expect(url.origin).toBe(new URL(pageUrl).origin);
      await request(t.server).get(url.pathname).expect(200);
    }
  });
});

describe('security headers behind TLS (IDENTSPHERE_COOKIES_SECURE=true)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ env: { IDENTSPHERE_COOKIES_SECURE: 'true', IDENTSPHERE_PUBLIC_BASE_URL: 'https://id.example.com' } })));
  afterAll(() => t.close());

  it('adds HSTS', async () => {
    const res = await request(t.server).get('/health/live').expect(200);
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    expectJsonApiHeaders(res);
  });
});
