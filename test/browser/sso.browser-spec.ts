import { createServer, Server } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createIdentityProvider } from '../support/identity-provider-factories';
import { OidcTestProvider } from '../support/oidc-test-provider';
import { clientToken, createClient } from '../support/oauth-factories';
import type { TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { freePort, hasChromium, launchChromium, startApp } from './browser-rig';

const CLIENT_ID = 'identsphere-browser';
const CLIENT_SECRET = 'browser-test-client-secret-0123456789';

/**
 * The SPA: a "Sign in with Acme" link (a top-level navigation to ssoStart), and on its return page a script
 * that gets an access token from the refresh cookie the callback set (cookie mode, CSRF header) and shows who
 * is signed in. Its "Sign out everywhere" button asks for RP-initiated logout and follows the provider's URL.
 */
const spaPage = (apiUrl: string, pageUrl: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>Acme SPA</title></head><body>
<a id="sso" href="${apiUrl}/v1/auth/sso/start?provider=acme&returnTo=${encodeURIComponent(`${pageUrl}/after-sso`)}">Sign in with Acme</a>
<button id="sign-out" type="button">Sign out everywhere</button>
<p id="status">signed out</p>
<script>
  const API = ${JSON.stringify(apiUrl)};
  const cookieCall = (path, body) => fetch(API + path, { method: 'POST', credentials: 'include', headers: { 'X-IdentSphere-CSRF': '1', 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) });
  async function showSession() {
    const error = new URLSearchParams(location.search).get('error');
    if (error) return (document.getElementById('status').textContent = 'error: ' + error);
    const refreshed = await cookieCall('/v1/auth/refresh');
    if (refreshed.status !== 200) return (document.getElementById('status').textContent = 'refresh answered ' + refreshed.status);
    const { accessToken } = await refreshed.json();
    const me = await (await fetch(API + '/v1/me', { headers: { Authorization: 'Bearer ' + accessToken } })).json();
    document.getElementById('status').textContent = 'signed in as ' + me.email + ' via ' + me.identities.map((i) => i.providerId).join(',');
  }
  document.getElementById('sign-out').onclick = async () => {
    const out = await (await cookieCall('/v1/auth/sso/logout', { postLogoutRedirectUri: location.origin + '/signed-out' })).json();
    if (out.endSessionUrl) location.assign(out.endSessionUrl);
  };
  if (location.pathname === '/after-sso') showSession();
</script></body></html>`;

async function serveSpa(port: number, apiUrl: string): Promise<Server> {
  const html = spaPage(apiUrl, `http://localhost:${port}`);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

// Without the Debian package the suite shows up as skipped, with the reason in its name (as the passkeys suite).
const describeBrowser = hasChromium ? describe : describe.skip;

describeBrowser(`SSO sign-in of an SPA in headless Chromium${hasChromium ? '' : ' (skipped: /usr/bin/chromium is missing; apt-get install -y chromium)'}`, () => {
  let op: OidcTestProvider;
  let db: TestDatabase;
  let app: NestExpressApplication;
  let spa: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let apiUrl: string;
  let pageUrl: string;

  beforeAll(async () => {
    const [apiPort, pagePort] = [await freePort(), await freePort()];
    apiUrl = `http://localhost:${apiPort}`;
    pageUrl = `http://localhost:${pagePort}`;
    op = await OidcTestProvider.start({ clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${apiUrl}/v1/auth/sso/callback`], postLogoutRedirectUris: [`${pageUrl}/signed-out`] }] });
    db = await createTestDatabase();
    app = await startApp(db, apiPort, { IDENTSPHERE_PUBLIC_BASE_URL: apiUrl, IDENTSPHERE_CORS_ORIGINS: pageUrl });
    spa = await serveSpa(pagePort, apiUrl);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (spa ? spa.close(() => resolve()) : resolve()));
    await app?.close();
    await db?.drop();
    await op?.stop();
  });
  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
  });
  afterEach(() => context?.close());

  it('an operator adds the provider through the admin API; a user of it signs in to the SPA through real redirects', async () => {
    // The operator: a machine client with the admin scope registers the provider (no restart, no environment change).
    const operator = await createClient({ app } as unknown as TestApp, ['admin'], 'sso-operator');
    const provider = { id: 'acme', name: 'Acme', issuer: op.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, domains: ['acme.test'] };
    const created = await createIdentityProvider(apiUrl, await clientToken(apiUrl, operator), provider);
    expect(created.status).toBe(201);
    op.addAccount({ sub: 'ada-0001', email: 'ada@acme.test', emailVerified: true, name: 'Ada Acme' });

    await page.goto(pageUrl);
    await page.click('text=Sign in with Acme');
    // At the provider's sign-in page (another site): the user signs in there.
    await page.waitForURL(`${op.issuer}/interaction/**`);
    await page.fill('input[name=sub]', 'ada-0001');
    await page.click('button[type=submit]');
    // Back through our callback to the SPA, which shows the session the refresh cookie carries.
    await page.waitForURL(`${pageUrl}/after-sso`);
    await page.waitForSelector('#status:has-text("signed in")');
    expect(await page.textContent('#status')).toBe('signed in as ada@acme.test via acme');

    // Sign out everywhere: our session ends, the browser confirms at the provider and comes back to the SPA.
    await Promise.all([page.waitForURL(`${op.issuer}/**`), page.click('#sign-out')]);
    await Promise.all([page.waitForURL(`${pageUrl}/signed-out`), page.click('button[name=logout]')]);
    const refreshAfter = await page.evaluate((api) => fetch(api + '/v1/auth/refresh', { method: 'POST', credentials: 'include', headers: { 'X-IdentSphere-CSRF': '1' } }).then((r) => r.status), apiUrl);
    expect(refreshAfter).toBe(401);
  });

  it('comes back to the SPA with error=provider_unavailable when the provider is down, never a 500', async () => {
    const down = await OidcTestProvider.start();
    const issuer = down.issuer;
    await down.stop();
    const operator = await createClient({ app } as unknown as TestApp, ['admin'], 'sso-operator-2');
    const provider = { id: 'gone', name: 'Gone', issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, domains: ['gone.test'] };
    expect((await createIdentityProvider(apiUrl, await clientToken(apiUrl, operator), provider)).status).toBe(201);
    await page.goto(`${apiUrl}/v1/auth/sso/start?provider=gone&returnTo=${encodeURIComponent(`${pageUrl}/after-sso`)}`);
    await page.waitForURL(`${pageUrl}/after-sso?**`);
    expect(await page.textContent('#status')).toBe('error: provider_unavailable');
  });
});
