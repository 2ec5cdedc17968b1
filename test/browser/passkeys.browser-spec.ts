import { decodeJwt } from 'jose';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { strongPassword, uniqueEmail } from '../support/auth-factories';
import { BrowserRig, hasChromium, launchChromium, startBrowserRig } from './browser-rig';

interface ApiAnswer {
  status: number;
  body: any;
}

// A real browser cannot be conjured on a bare machine: without the Debian package the suite shows up as
// skipped, with the reason in its name. CI installs chromium (.ci/run) and runs it.
const describeBrowser = hasChromium ? describe : describe.skip;

describeBrowser(`passkeys in headless Chromium with a virtual authenticator${hasChromium ? '' : ' (skipped: /usr/bin/chromium is missing; apt-get install -y chromium)'}`, () => {
  let rig: BrowserRig;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    rig = await startBrowserRig();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await rig?.close();
  });

  // A fresh page and authenticator per test: each test owns its user and its passkeys.
  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(rig.pageUrl);
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });
  });
  afterEach(async () => {
    await context?.close();
  });

  const call = (fn: string, ...args: unknown[]) => page.evaluate(({ fn, args }) => (globalThis as any)[fn](...args), { fn, args }) as Promise<ApiAnswer>;

  async function signUpWithPasskey(): Promise<{ email: string; password: string; userId: string; accessToken: string; passkeyId: string }> {
    const email = uniqueEmail();
    const password = strongPassword();
    const signup = await call('signUp', email, password);
    expect(signup.status).toBe(201);
    // A fresh sign-up is a recent authentication: step-up is satisfied for registering.
    const registered = await call('registerPasskey', signup.body.accessToken, 'Chromium');
    expect(registered).toMatchObject({ status: 201, body: { name: 'Chromium', backedUp: false } });
    return { email, password, userId: signup.body.user.id, accessToken: signup.body.accessToken, passkeyId: registered.body.id };
  }

  it('signs up and registers a passkey from the page', async () => {
    await signUpWithPasskey();
  });

  it('signs in passwordless with the passkey (usernameless, user verified)', async () => {
    const { userId } = await signUpWithPasskey();
    const signedIn = await call('signInWithPasskey');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.id).toBe(userId);
    expect(decodeJwt(signedIn.body.accessToken)).toMatchObject({ sub: userId, acr: 'mfa' });
  });

  it('signs in with the password, then the passkey as the second factor', async () => {
    const { email, password, userId } = await signUpWithPasskey();
    const first = await call('logIn', email, password);
    expect(first).toMatchObject({ status: 200, body: { mfaRequired: true } });
    const done = await call('completeWithPasskey', first.body.mfaToken);
    expect(done.status).toBe(200);
    expect(decodeJwt(done.body.accessToken)).toMatchObject({ sub: userId, acr: 'mfa', amr: expect.arrayContaining(['pwd']) });
  });

  it('is asked to step up before removing the passkey, steps up with it, and removes it', async () => {
    const { accessToken, passkeyId } = await signUpWithPasskey();
    expect(await call('stepUpAndRemovePasskey', accessToken, passkeyId)).toEqual({ status: 204, body: { firstAnswer: 'step_up_required' } });
  });
});
