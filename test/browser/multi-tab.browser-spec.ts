import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { strongPassword, uniqueEmail } from '../support/auth-factories';
import { hasChromium, launchChromium } from './browser-rig';
import { MultiTabRig, startMultiTabRig } from './multi-tab-rig';

/** Short enough to wait out in a test; the service's minimum is 1 s. */
const ACCESS_TOKEN_TTL_SECONDS = 5;
const CALLS_PER_TAB = 5;
const REFRESH_COOKIE = 'identsphere_refresh';
const JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;

/** How the tabs coordinate their refresh: the Web Locks API, or (a browser without it) an election over the BroadcastChannel. */
type TabCoordination = 'web-locks' | 'no-web-locks';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The page's own hook (examples/spa/src/probe.ts). Page code is written against globalThis: the test
// project's TypeScript has no DOM library.
const probe = {
  status: (page: Page) => page.evaluate(() => (globalThis as any).__app.status() as string),
  burst: (page: Page, count: number, startAt: number) => page.evaluate(({ count, startAt }) => (globalThis as any).__app.burst(count, startAt) as Promise<(number | string)[]>, { count, startAt }),
  securityEventTypes: (page: Page) => page.evaluate(() => (globalThis as any).__app.securityEventTypes() as Promise<string[]>),
};

const screen = (page: Page, name: string) => page.waitForSelector(`[data-screen="${name}"]`, { timeout: 30_000 });

interface Credentials {
  readonly email: string;
  readonly password: string;
}

async function signUpThroughTheForm(page: Page): Promise<Credentials> {
  const credentials = { email: uniqueEmail('tabs'), password: strongPassword() };
  await screen(page, 'sign-in');
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.fill('form[data-form="sign-up"] input[name="email"]', credentials.email);
  await page.fill('form[data-form="sign-up"] input[name="password"]', credentials.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await screen(page, 'account');
  return credentials;
}

async function signInThroughTheForm(page: Page, { email, password }: Credentials): Promise<void> {
  await page.fill('form[data-form="sign-in"] input[name="email"]', email);
  await page.fill('form[data-form="sign-in"] input[name="password"]', password);
  await page.click('form[data-form="sign-in"] button[type="submit"]');
  await screen(page, 'account');
}

/** The calls one tab sends to the service, from now on. */
function recordServiceCalls(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/v1/')) seen.push(request);
  });
  return seen;
}

// Without the Debian package the suite shows up as skipped, with the reason in its name (as the passkeys suite).
const describeBrowser = hasChromium ? describe : describe.skip;

describeBrowser(`the example SPA in several tabs of headless Chromium${hasChromium ? '' : ' (skipped: /usr/bin/chromium is missing; apt-get install -y chromium)'}`, () => {
  let rig: MultiTabRig;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    rig = await startMultiTabRig({ IDENTSPHERE_ACCESS_TOKEN_TTL: String(ACCESS_TOKEN_TTL_SECONDS) });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await rig?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function newContext(locks: TabCoordination = 'web-locks'): Promise<BrowserContext> {
    const context = await browser.newContext();
    contexts.push(context);
    // A browser without the Web Locks API: the tabs elect their refresher over the BroadcastChannel instead.
    if (locks === 'no-web-locks') await context.addInitScript(() => Object.defineProperty(Object.getPrototypeOf((globalThis as any).navigator), 'locks', { get: () => undefined }));
    return context;
  }

  /** Signs up in one tab, then opens two more tabs of the same browser, which restore the session from the cookie. */
  async function threeSignedInTabs(locks: TabCoordination = 'web-locks'): Promise<{ tabs: Page[]; credentials: Credentials }> {
    const context = await newContext(locks);
    const first = await context.newPage();
    await first.goto(rig.pageUrl);
    const credentials = await signUpThroughTheForm(first);
    const tabs = [first];
    for (let i = 0; i < 2; i++) {
      const tab = await context.newPage();
      await tab.goto(rig.pageUrl);
      await screen(tab, 'account');
      tabs.push(tab);
    }
    return { tabs, credentials };
  }

  it.each<TabCoordination>(['web-locks', 'no-web-locks'])('refreshes once for three tabs whose access tokens expired together, and keeps every tab signed in (%s)', async (locks) => {
    const { tabs } = await threeSignedInTabs(locks);
    expect(await tabs[0].evaluate(() => (globalThis as any).navigator.locks !== undefined)).toBe(locks === 'web-locks');
    // Every tab's access token is now past its expiry.
    await sleep((ACCESS_TOKEN_TTL_SECONDS + 1) * 1000);
    const before = await rig.refreshCounts();

    const startAt = Date.now() + 500;
    const answers = await Promise.all(tabs.map((tab) => probe.burst(tab, CALLS_PER_TAB, startAt)));

    expect(answers).toEqual(tabs.map(() => Array(CALLS_PER_TAB).fill(200)));
    const after = await rig.refreshCounts();
    // Exactly one rotation, and no tab presented the token another had just rotated (not even inside the grace window).
    expect({ rotated: after.rotated - before.rotated, grace: after.grace - before.grace, reused: after.reused - before.reused }).toEqual({ rotated: 1, grace: 0, reused: 0 });
    for (const tab of tabs) {
      expect(await probe.status(tab)).toBe('signedIn');
      expect(await tab.locator('[data-screen="account"]').count()).toBe(1);
    }
    expect(await probe.securityEventTypes(tabs[0])).not.toContain('refresh_token_reused');
  }, 180_000);

  it('signs out in one tab: the others notice, show the sign-in screen and stop calling the service; a sign-in in one tab brings them all back', async () => {
    const { tabs, credentials } = await threeSignedInTabs();
    const [signingOut, ...others] = tabs;

    await signingOut.click('[data-action="sign-out"]');

    for (const tab of tabs) {
      await screen(tab, 'sign-in');
      expect(await probe.status(tab)).toBe('signedOut');
    }
    // Told, not found out: the other tabs learned it from the signing-out tab and make no authenticated call.
    const calls = others.map(recordServiceCalls);
    const answers = await Promise.all(others.map((tab) => probe.burst(tab, 3, Date.now())));
    for (const answer of answers) expect(answer).not.toContain(200);
    const authenticated = calls.flat().filter((request) => request.headers()['authorization'] !== undefined || new URL(request.url()).pathname === '/v1/auth/refresh');
    expect(authenticated.map((request) => `${request.method()} ${request.url()}`)).toEqual([]);

    // Signing in again in one tab brings every tab back (they follow its broadcast, no refresh of their own).
    const before = await rig.refreshCounts();
    await signInThroughTheForm(others[0], credentials);
    for (const tab of tabs) {
      await screen(tab, 'account');
      expect(await probe.status(tab)).toBe('signedIn');
    }
    expect((await rig.refreshCounts()).rotated).toBe(before.rotated);
  }, 180_000);

  it('restores the session on reload from the HttpOnly cookie alone, and no script can read the refresh token', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(rig.pageUrl);
    const { email } = await signUpThroughTheForm(page);

    await page.reload();
    await screen(page, 'account');
    expect(await probe.status(page)).toBe('signedIn');
    await expect(page.locator('[data-field="email"]').textContent()).resolves.toContain(email);

    const cookie = (await context.cookies(rig.pageUrl)).find((c) => c.name === REFRESH_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const visible = await page.evaluate(async () => {
      const g = globalThis as any;
      const dump = (storage: any) => JSON.stringify(Object.fromEntries(Object.keys(storage).map((key) => [key, storage.getItem(key)])));
      return {
        cookie: g.document.cookie as string,
        localStorage: dump(g.localStorage),
        sessionStorage: dump(g.sessionStorage),
        indexedDb: ((await g.indexedDB.databases()) as { name: string }[]).map((db) => db.name),
        html: g.document.documentElement.outerHTML as string,
      };
    });
    expect(visible.cookie).not.toContain(REFRESH_COOKIE);
    for (const text of [visible.cookie, visible.localStorage, visible.sessionStorage, visible.html]) {
      expect(text).not.toContain(cookie!.value);
      expect(text).not.toMatch(JWT);
    }
    expect(visible.indexedDb).toEqual([]);

    // A browser that has nothing but the cookie (no storage, no other tab) is signed in too.
    const bare = await newContext();
    await bare.addCookies([cookie!]);
    const fresh = await bare.newPage();
    await fresh.goto(rig.pageUrl);
    await screen(fresh, 'account');
    expect(await probe.status(fresh)).toBe('signedIn');
  }, 180_000);
});
