import { createHash } from 'node:crypto';
import request from 'supertest';
import { BEARER_MODE, bearer, dataSource, disableUser, expectProblem, login, refreshWithToken, signup } from '../support/auth-factories';
import { enrolTotp, pinTotpClock } from '../support/mfa-factories';
import type { OidcTestProvider } from '../support/oidc-test-provider';
import { callback, landing, newAccount, RETURN_TO, sessionOf, ssoLogin, startSso, startSsoApp, startTestOp } from '../support/sso-rig';
import type { TestApp } from '../support/test-app';

const digestOf = (value: string) => createHash('sha256').update(value).digest('base64url');

/** The token response passes through the process's fetch: this rewrites the id_token's payload of the next one, keeping its signature. */
function tamperNextIdToken(tokenEndpoint: string): jest.SpyInstance {
  const realFetch = globalThis.fetch;
  return jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const res = await realFetch(input, init);
    if (String(input instanceof Request ? input.url : input) !== tokenEndpoint) return res;
    const body = (await res.json()) as Record<string, unknown>;
    const [header, payload, signature] = String(body.id_token).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, email: 'ceo@acme.test' })).toString('base64url');
    return new Response(JSON.stringify({ ...body, id_token: [header, forged, signature].join('.') }), { status: res.status, headers: res.headers });
  });
}

/** What an SSO login must refuse: replays, forged or mismatched tokens, open redirects, and a provider that is down. */
describe('SSO login: attacks and failures', () => {
  let op: OidcTestProvider;
  let down: OidcTestProvider;
  let t: TestApp;
  beforeAll(async () => {
    op = await startTestOp();
    down = await startTestOp();
    await down.stop();
    t = await startSsoApp([
      { id: 'acme', issuer: op.issuer, domains: ['acme.test'] },
      { id: 'down', issuer: down.issuer, domains: ['down.test'] },
    ]);
  });
  afterAll(async () => {
    await t?.close();
    await op?.stop();
  });

  it('refuses a replayed callback (state is single use) with 400 invalid_sso_state', async () => {
    const account = newAccount(op, 'acme.test');
    const { started, back, res } = await ssoLogin(t, op, account.sub, { provider: 'acme' });
    expect(landing(res).error).toBeNull();
    expectProblem(await callback(t, back, started.binding), 400, 'invalid_sso_state');
  });

  it('refuses a callback from a browser that did not start the login (no binding cookie)', async () => {
    const account = newAccount(op, 'acme.test');
    const started = await startSso(t, { provider: 'acme' });
    const back = await op.authorize(started.authorizationUrl.href, account.sub);
    expectProblem(await callback(t, back, 'identsphere-sso=someone-elses'), 400, 'invalid_sso_state');
    // The rightful browser can still finish: the wrong attempt did not spend the state.
    expect(landing(await callback(t, back, started.binding)).error).toBeNull();
  });

  it('refuses an id_token whose nonce is not the one of the pending login', async () => {
    const account = newAccount(op, 'acme.test');
    const started = await startSso(t, { provider: 'acme' });
    const state = started.authorizationUrl.searchParams.get('state')!;
    await dataSource(t).query(`UPDATE sso_logins SET nonce = 'not-the-nonce-sent' WHERE state_digest = $1`, [digestOf(state)]);
    const res = await callback(t, await op.authorize(started.authorizationUrl.href, account.sub), started.binding);
    expect(landing(res)).toEqual({ url: RETURN_TO, error: 'sso_failed', code: null });
  });

  it('refuses a tampered id_token (payload changed, signature kept)', async () => {
    const account = newAccount(op, 'acme.test');
    const started = await startSso(t, { provider: 'acme' });
    const back = await op.authorize(started.authorizationUrl.href, account.sub);
    const spy = tamperNextIdToken(`${op.issuer}/token`);
    try {
      expect(landing(await callback(t, back, started.binding)).error).toBe('sso_failed');
    } finally {
      spy.mockRestore();
    }
    expect(await dataSource(t).query(`SELECT 1 FROM users WHERE email = 'ceo@acme.test'`)).toHaveLength(0);
  });

  it('keeps signing in after the provider rotates its signing keys', async () => {
    const account = newAccount(op, 'acme.test');
    expect(landing((await ssoLogin(t, op, account.sub, { provider: 'acme' })).res).error).toBeNull();
    await op.rotateKeys();
    expect(landing((await ssoLogin(t, op, account.sub, { provider: 'acme' })).res).error).toBeNull();
  });

  it('answers an open-redirect returnTo with 400 invalid_return_to', async () => {
    for (const returnTo of ['https://evil.example/', 'https://app.example.test.evil.example/', '//evil.example/', 'javascript:alert(1)', 'https://user:pw@app.example.test/']) {
      expectProblem(await request(t.server).get('/v1/auth/sso/start').query({ provider: 'acme', returnTo }), 400, 'invalid_return_to');
    }
  });

  it('sends the browser back with error=provider_unavailable when the provider does not answer (no 500)', async () => {
    const res = await request(t.server).get('/v1/auth/sso/start').query({ provider: 'down', returnTo: RETURN_TO });
    expect(res.status).toBe(302);
    expect(landing(res)).toEqual({ url: RETURN_TO, error: 'provider_unavailable', code: null });
  });

  it('refuses a disabled account like a password login does', async () => {
    const account = newAccount(op, 'acme.test');
    const { me } = await sessionOf(t, (await ssoLogin(t, op, account.sub, { provider: 'acme' })).res);
    await disableUser(t, me.id);
    expect(landing((await ssoLogin(t, op, account.sub, { provider: 'acme' })).res).error).toBe('account_disabled');
  });

  it('passes a provider error (the user cancelled) back as error=sso_failed', async () => {
    const started = await startSso(t, { provider: 'acme' });
    const back = await op.authorize(started.authorizationUrl.href, 'no-such-account');
    expect(landing(await callback(t, back, started.binding)).error).toBe('sso_failed');
  });

  // Pre-account takeover: someone signs up first with a colleague's company address (never verified, since
  // they cannot read that mailbox), adds an authenticator app and keeps a session. When the real owner then
  // signs in through the company's provider, the account is theirs alone: nothing the squatter set up survives.
  it("ends a squatter's hold on an unverified account that the domain's provider claims: password, factors, sessions", async () => {
    const account = newAccount(op, 'acme.test');
    const squatter = await signup(t.server, { email: account.email, mode: 'bearer' });
    const clock = pinTotpClock(t);
    await enrolTotp(t.server, squatter.accessToken, clock.now());
    const { me, accessToken } = await sessionOf(t, (await ssoLogin(t, op, account.sub, { provider: 'acme' })).res);
    expect(me).toMatchObject({ id: squatter.user.id, emailVerified: true, mfaEnabled: false });
    expectProblem(await request(t.server).post('/v1/auth/login').set(BEARER_MODE).send({ email: account.email, password: squatter.password }), 401, 'invalid_credentials');
    expect((await refreshWithToken(t.server, squatter.refreshToken)).status).toBe(401);
    expect((await request(t.server).get('/v1/me').set(bearer(squatter.accessToken))).status).toBe(401);
    expect((await request(t.server).get('/v1/me').set(bearer(accessToken))).status).toBe(200);
    const [claimed] = await dataSource(t).query(`SELECT detail FROM security_events WHERE user_id = $1 AND type = 'account_claimed'`, [me.id]);
    expect(claimed.detail).toMatchObject({ provider: 'acme', removed: 'totp,recovery_code' });
  });

  it('leaves a verified account linked by its domain as it was: its owner proved the address', async () => {
    const account = newAccount(op, 'acme.test');
    const owner = await signup(t.server, { email: account.email, mode: 'bearer' });
    await dataSource(t).query('UPDATE users SET email_verified = true WHERE id = $1', [owner.user.id]);
    await sessionOf(t, (await ssoLogin(t, op, account.sub, { provider: 'acme' })).res);
    expect((await login(t.server, { email: account.email, password: owner.password, mode: 'bearer' })).user.id).toBe(owner.user.id);
    expect((await refreshWithToken(t.server, owner.refreshToken)).status).toBe(200);
  });
});
