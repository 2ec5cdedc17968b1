import type { BrowserContext, Page } from 'playwright-core';
import { strongPassword, uniqueEmail } from '../../../test/support/auth-factories';
import { eventually } from '../../../test/support/eventually';
import { decodeBase32, totpAt } from '../../../test/support/totp';
import { hasChromium, inPage, recordRequests, SpaRig, startSpaRig } from './support/spa-rig';

// A real browser cannot be conjured on a bare machine: without the Debian package the suite shows up as
// skipped, with the reason in its name.
const describeBrowser = hasChromium ? describe : describe.skip;

describeBrowser(`@identsphere/spa in headless Chromium against the live built service${hasChromium ? '' : ' (skipped: /usr/bin/chromium is missing; apt-get install -y chromium)'}`, () => {
  let rig: SpaRig;
  let context: BrowserContext;
  let requests: ReturnType<typeof recordRequests>;

  beforeAll(async () => {
    rig = await startSpaRig();
  }, 180_000);
  afterAll(() => rig?.close());
  beforeEach(async () => {
    context = await rig.browser.newContext();
    requests = recordRequests(context);
  });
  afterEach(() => context?.close());

  async function openTab(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(rig.pageUrl);
    return page;
  }

  /** Freezes the page's clock (Date) at `at`; timers keep running. */
  const freezeClock = (page: Page, at: number) => page.clock.setFixedTime(at);

  async function signUp(page: Page): Promise<{ email: string; password: string }> {
    const credentials = { email: uniqueEmail(), password: strongPassword() };
    const result = await inPage(page, (session, input) => session.signUp(input), credentials);
    expect(result).toMatchObject({ status: 'signedIn', user: { email: credentials.email } });
    return credentials;
  }

  /**
   * Several rounds in which both tabs find their token due at the same moment and ask for one at the same
   * instant (a third tab's broadcast starts them: two page.evaluate calls can reach the pages far apart on
   * a loaded machine): each round rotates the cookie once and both tabs get that token.
   */
  async function expectOneRefreshPerRound(a: Page, b: Page): Promise<void> {
    const starter = await openTab();
    const arm = (tab: Page) =>
      tab.evaluate(() => {
        const start = new BroadcastChannel('test-start');
        (window as any).asked = new Promise((resolve) => {
          start.onmessage = () => {
            start.close();
            resolve((window as any).session.getAccessToken());
          };
        });
      });
    const before = requests.count('POST /v1/auth/refresh');
    for (let round = 1; round <= 3; round++) {
      const later = Date.now() + round * 60_000;
      await Promise.all([freezeClock(a, later), freezeClock(b, later), arm(a), arm(b)]);
      await starter.evaluate(() => {
        const start = new BroadcastChannel('test-start');
        start.postMessage('go');
        setTimeout(() => start.close(), 1000);
      });
      const [tokenA, tokenB] = await Promise.all([a, b].map((tab) => tab.evaluate(() => (window as any).asked)));
      expect(tokenA).toEqual(expect.any(String));
      expect(tokenA).toBe(tokenB);
      expect(requests.count('POST /v1/auth/refresh')).toBe(before + round);
    }
  }

  it('restores the session after a reload from the HttpOnly cookie alone; page script can read no token', async () => {
    const page = await openTab();
    const { email } = await signUp(page);
    await page.reload();
    expect(await inPage(page, (session) => session.status)).toBe('unknown');

    const user = await inPage(page, (session) => session.restore());
    expect(user).toMatchObject({ email });
    expect(await inPage(page, (session) => [session.status, (window as any).events])).toEqual(['signedIn', [`signedIn:${email}`]]);
    expect(requests.count('POST /v1/auth/refresh')).toBe(1);

    const readable = await page.evaluate(() => ({ cookie: document.cookie, local: localStorage.length, session: sessionStorage.length }));
    expect(readable.cookie).not.toMatch(/identsphere_refresh/);
    expect(readable).toMatchObject({ local: 0, session: 0 });
  });

  it('answers null from restore() without a session, and is then signed out', async () => {
    const page = await openTab();
    expect(await inPage(page, async (session) => [await session.restore(), session.status, await session.getAccessToken()])).toEqual([null, 'signedOut', null]);
  });

  it('refreshes ahead of expiry, once for many concurrent callers', async () => {
    const page = await openTab();
    const issuedAt = Date.now();
    await freezeClock(page, issuedAt);
    await signUp(page);
    const first = await inPage(page, (session) => session.getAccessToken());
    expect(requests.count('POST /v1/auth/refresh')).toBe(0);

    // 0.6 s of the 1 s lifetime: not expired, but within the refresh-ahead margin (capped at half the lifetime).
    await freezeClock(page, issuedAt + 600);
    const tokens = await inPage(page, (session) => Promise.all(Array.from({ length: 5 }, () => session.getAccessToken())));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(first);
    expect(requests.count('POST /v1/auth/refresh')).toBe(1);
    expect(await inPage(page, () => (window as any).events.filter((e: string) => e.startsWith('refreshed')).length)).toBe(1);
  });

  it('sends the access token and the CSRF header with client calls, and retries once after 401 invalid_token', async () => {
    const page = await openTab();
    // A page whose clock stands still: it believes its token fresh long after the service stopped accepting it.
    await freezeClock(page, Date.now());
    const { email } = await signUp(page);
    const stale = await inPage(page, (session) => session.getAccessToken());
    await eventually(async () => (await fetch(`${rig.apiUrl}/v1/me`, { headers: { Authorization: `Bearer ${stale}` } })).status === 401, 20_000);

    const firstCall = context.waitForEvent('request', (request) => request.method() === 'GET' && request.url().endsWith('/v1/me'));
    const me = await inPage(page, async (session) => {
      const { data, response } = await session.client.GET('/v1/me');
      return { status: response.status, email: data?.email };
    });
    expect(me).toEqual({ status: 200, email });
    expect((await firstCall).headers()).toMatchObject({ authorization: `Bearer ${stale}`, 'x-identsphere-csrf': '1' });
    expect(requests.sent.slice(-3)).toEqual(['GET /v1/me', 'POST /v1/auth/refresh', 'GET /v1/me']);
    expect(await inPage(page, (session) => session.getAccessToken())).not.toBe(stale);
  });

  it('gives up after one retry: a second 401 is the answer', async () => {
    const page = await openTab();
    await signUp(page);
    const answer = await inPage(page, async (session) => (await session.client.GET('/v1/me', { headers: { Authorization: 'Bearer not-a-token' } })).response.status);
    expect(answer).toBe(401);
    expect(requests.count('GET /v1/me')).toBe(1);
  });

  it('serializes the refresh across two tabs: one rotation, both tabs get its token', async () => {
    const [a, b] = [await openTab(), await openTab()];
    await signUp(a);
    // The other tab heard the sign-in on the channel and holds the same token without a request.
    await eventually(async () => (await inPage(b, (session) => session.status)) === 'signedIn', 5_000, 50);
    await expectOneRefreshPerRound(a, b);
    for (const tab of [a, b]) expect(await inPage(tab, (session) => [session.status, (window as any).events.filter((e: string) => !e.startsWith('refreshed'))])).toEqual(['signedIn', [expect.stringMatching(/^signedIn:/)]]);
  });

  it('without Web Locks, elects one refresher over the BroadcastChannel and shares its token', async () => {
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined }));
    const [a, b] = [await openTab(), await openTab()];
    expect(await a.evaluate(() => navigator.locks)).toBeUndefined();
    await signUp(a);
    await eventually(async () => (await inPage(b, (session) => session.status)) === 'signedIn', 5_000, 50);
    await expectOneRefreshPerRound(a, b);
  });

  it('signs out every tab: the others hear signedOut and drop their token', async () => {
    const [a, b] = [await openTab(), await openTab()];
    const { email } = await signUp(a);
    await eventually(async () => (await inPage(b, (session) => session.status)) === 'signedIn', 5_000, 50);

    await inPage(a, (session) => session.signOut());
    await eventually(async () => (await inPage(b, (session) => session.status)) === 'signedOut', 5_000, 50);
    for (const tab of [a, b]) {
      expect(await inPage(tab, async (session) => [(window as any).events.at(-1), session.user, await session.getAccessToken()])).toEqual(['signedOut', null, null]);
    }
    // The session is over at the service too: a reload cannot restore it.
    await b.reload();
    expect(await inPage(b, (session) => session.restore())).toBeNull();
    expect((await inPage(b, () => (window as any).events)).includes(`signedIn:${email}`)).toBe(false);
  });

  it('reports sessionExpired in every tab when the refresh finds the session revoked', async () => {
    const [a, b] = [await openTab(), await openTab()];
    await signUp(a);
    await eventually(async () => (await inPage(b, (session) => session.status)) === 'signedIn', 5_000, 50);
    const token = await inPage(a, (session) => session.getAccessToken());
    // The user signs out of this session elsewhere (another device's session list, an administrator).
    const sessionId = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid;
    const ended = await fetch(`${rig.apiUrl}/v1/me/sessions/${sessionId}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    expect(ended.status).toBe(204);

    await freezeClock(a, Date.now() + 60_000);
    expect(await inPage(a, (session) => session.getAccessToken())).toBeNull();
    for (const tab of [a, b]) {
      await eventually(async () => (await inPage(tab, () => (window as any).events.at(-1))) === 'sessionExpired', 5_000, 50);
      expect(await inPage(tab, (session) => session.status)).toBe('signedOut');
    }
  });

  it('steps up when an operation asks for it, and signs in with a password and a second factor', async () => {
    const page = await openTab();
    const { email, password } = await signUp(page);
    const enrolment = await inPage(page, async (session) => (await session.client.POST('/v1/me/mfa/totp')).data);
    const code = totpAt(decodeBase32(enrolment.secret), Math.floor(Date.now() / 1000));
    const confirmed = await inPage(page, async (session, code) => (await session.client.POST('/v1/me/mfa/totp/confirm', { body: { code } })).data, code);
    expect(confirmed.recoveryCodes).toHaveLength(10);

    // This session proved the password only: removing the app asks for a step-up with the second factor.
    const removeApp = (session: any) => session.client.DELETE('/v1/me/mfa/totp').then((window as any).IdentSphereSpa.unwrap).then(
      () => 'removed',
      (error: unknown) => (window as any).IdentSphereSpa.stepUpMethods(error),
    );
    expect(await inPage(page, removeApp)).toEqual(expect.arrayContaining(['totp', 'recovery_code']));
    const stepped = await inPage(page, (session, code) => session.stepUp({ method: 'recovery_code', code }), confirmed.recoveryCodes[1]);
    expect(stepped).toEqual({ acr: 'mfa', recoveryCodesRemaining: 9 });
    expect(await inPage(page, () => (window as any).events.at(-1))).toBe(`refreshed:${email}`);

    await inPage(page, (session) => session.signOut());
    const first = await inPage(page, (session, input) => session.signIn(input), { email, password });
    expect(first).toEqual({ status: 'mfaRequired', methods: expect.arrayContaining(['totp', 'recovery_code']), mfaToken: expect.any(String) });
    const wrong = await inPage(page, (session) => session.completeMfa({ method: 'recovery_code', code: 'aaaaa-aaaaa' }).catch((e: any) => e.code));
    expect(wrong).toBe('invalid_code');
    const done = await inPage(page, (session, code) => session.completeMfa({ method: 'recovery_code', code }), confirmed.recoveryCodes[0]);
    expect(done).toMatchObject({ status: 'signedIn', user: { email, mfaEnabled: true } });
    // A sign-in with the second factor is a recent one: no step-up needed now.
    expect(await inPage(page, removeApp)).toBe('removed');
  });

  it('turns wrong credentials into a typed problem', async () => {
    const page = await openTab();
    const { email } = await signUp(page);
    const error = await inPage(page, (session, email) => session.signIn({ email, password: 'a wrong but long password' }).catch((e: any) => [e.name, e.code, e.status, (window as any).IdentSphereSpa.isProblem(e, 'invalid_credentials')]), email);
    expect(error).toEqual(['IdentSphereProblem', 'invalid_credentials', 401, true]);
  });

  it('registers a passkey and signs in with it (virtual authenticator)', async () => {
    const page = await openTab();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', { options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true } });
    const { email } = await signUp(page);
    const registered = await inPage(page, (session) => session.registerPasskey('Chromium'));
    expect(registered).toMatchObject({ name: 'Chromium', recoveryCodes: expect.any(Array) });
    await inPage(page, (session) => session.signOut());

    const signedIn = await inPage(page, (session) => session.signInWithPasskey());
    expect(signedIn).toMatchObject({ status: 'signedIn', user: { email } });
  });

  it('stops hearing the other tabs after close(), and a refresh finishing later does not throw', async () => {
    const [a, b] = [await openTab(), await openTab()];
    await signUp(a);
    await eventually(async () => (await inPage(b, (session) => session.status)) === 'signedIn', 5_000, 50);
    await freezeClock(b, Date.now() + 60_000);
    const refreshedAfterClose = await inPage(b, async (session) => {
      const pending = session.getAccessToken();
      session.close();
      return typeof (await pending);
    });
    expect(refreshedAfterClose).toBe('string');
    await inPage(a, (session) => session.signOut());
    expect(await inPage(b, (session) => [session.status, (window as any).events.filter((e: string) => e === 'signedOut')])).toEqual(['signedIn', []]);
  });

  it('builds the SSO start URL for a browser navigation', async () => {
    const page = await openTab();
    const url = await inPage(page, (session) => session.ssoSignInUrl('acme', 'http://localhost/app?x=1'));
    expect(url).toBe(`${rig.apiUrl}/v1/auth/sso/start?provider=acme&returnTo=${encodeURIComponent('http://localhost/app?x=1')}`);
  });
});
