import { decodeJwt } from 'jose';
import request from 'supertest';
import { OneTimeTokensService } from '@identsphere/tokens';
import { BEARER_MODE, bearer, dataSource, expectProblem, signup, strongPassword } from '../support/auth-factories';
import { metricSample } from '../support/metrics-sample';
import type { OidcTestProvider } from '../support/oidc-test-provider';
import { SoftAuthenticator } from '../support/soft-authenticator';
import { callback, landing, newAccount, pkcePair, PUBLIC_BASE_URL, RETURN_TO, sessionOf, ssoEvents, ssoLogin, startSso, startSsoApp, startTestOp } from '../support/sso-rig';
import type { TestApp } from '../support/test-app';

/** Sign-in with an OpenID Connect provider, through real HTTP redirects against a real provider (oidc-provider). */
describe('SSO login (OpenID Connect)', () => {
  let op: OidcTestProvider;
  let t: TestApp;
  beforeAll(async () => {
    op = await startTestOp();
    t = await startSsoApp([
      { id: 'acme', issuer: op.issuer, domains: ['acme.test'] },
      { id: 'strict', issuer: op.issuer, domains: ['strict.test'], enforceSso: true },
      { id: 'mapped', issuer: op.issuer, domains: ['mapped.test'], groupsClaim: 'groups', roleMapping: { 'idp-admins': ['admin'], helpdesk: ['support'] } },
    ]);
  });
  afterAll(async () => {
    await t?.close();
    await op?.stop();
  });

  it('signs a new user in through the whole redirect dance (cookie mode) and provisions the account just in time', async () => {
    const account = newAccount(op, 'acme.test', { amr: ['pwd', 'otp'] });
    const { started, res } = await ssoLogin(t, op, account.sub, { provider: 'acme' });
    expect(started.authorizationUrl.origin).toBe(op.issuer);
    expect(Object.fromEntries(started.authorizationUrl.searchParams)).toMatchObject({ response_type: 'code', code_challenge_method: 'S256', scope: 'openid email profile' });
    expect(landing(res)).toEqual({ url: RETURN_TO, error: null, code: null });
    const { accessToken, me } = await sessionOf(t, res);
    expect(me).toMatchObject({ email: account.email, emailVerified: true, displayName: account.name, identities: [{ providerId: 'acme', email: account.email }] });
    expect(decodeJwt(accessToken)).toMatchObject({ amr: expect.arrayContaining(['fed', 'pwd', 'otp', 'mfa']), acr: 'mfa' });
    expect((await ssoEvents(t, me.id)).map((e: { type: string }) => e.type)).toEqual(['signup', 'identity_linked', 'sso_login_succeeded']);
  });

  it('signs the same person in to the same account the next time (linked by provider and subject)', async () => {
    const account = newAccount(op, 'acme.test');
    const first = await sessionOf(t, (await ssoLogin(t, op, account.sub, { provider: 'acme' })).res);
    const second = await sessionOf(t, (await ssoLogin(t, op, account.sub, { provider: 'acme' })).res);
    expect(second.me.id).toBe(first.me.id);
    expect(second.me.identities).toHaveLength(1);
  });

  it('finds the provider by the email domain (home-realm discovery) and passes the address as login_hint', async () => {
    const account = newAccount(op, 'acme.test');
    const started = await startSso(t, { email: account.email });
    expect(started.authorizationUrl.origin).toBe(op.issuer);
    expect(started.authorizationUrl.searchParams.get('login_hint')).toBe(account.email);
    expect(landing(await callback(t, await op.authorize(started.authorizationUrl.href, account.sub), started.binding)).error).toBeNull();
  });

  it('answers 404 unknown_provider for an unknown provider id or a domain no provider owns', async () => {
    expectProblem(await request(t.server).get('/v1/auth/sso/start').query({ provider: 'nobody', returnTo: RETURN_TO }), 404, 'unknown_provider');
    expectProblem(await request(t.server).get('/v1/auth/sso/start').query({ email: 'ada@elsewhere.test', returnTo: RETURN_TO }), 404, 'unknown_provider');
  });

  it('links an existing password account when the provider owns its domain', async () => {
    const account = newAccount(op, 'acme.test');
    const local = await signup(t.server, { email: account.email, mode: 'bearer' });
    const { me } = await sessionOf(t, (await ssoLogin(t, op, account.sub, { provider: 'acme' })).res);
    expect(me).toMatchObject({ id: local.user.id, emailVerified: true, identities: [{ providerId: 'acme' }] });
    expect((await ssoEvents(t, me.id)).find((e: { type: string }) => e.type === 'identity_linked').detail).toMatchObject({ provider: 'acme', via: 'domain' });
  });

  it('refuses to link an account whose domain the provider does not own (takeover attempt), and signs nobody in', async () => {
    const victim = await signup(t.server, { mode: 'bearer' });
    const attacker = newAccount(op, 'acme.test', { email: victim.email });
    const { res } = await ssoLogin(t, op, attacker.sub, { provider: 'acme' });
    expect(landing(res)).toEqual({ url: RETURN_TO, error: 'account_exists_link_required', code: null });
    expect(res.headers['set-cookie']?.toString() ?? '').not.toMatch(/identsphere_refresh=[^;]/);
    expect(await dataSource(t).query('SELECT 1 FROM user_identities WHERE user_id = $1', [victim.user.id])).toHaveLength(0);
  });

  it("hands an account a provider created for an address outside its domains back to the mailbox's owner at a reset", async () => {
    // The provider vouches for an address in a domain it does not own: the account it creates is unverified.
    const squatter = newAccount(op, 'acme.test', { email: `owner-${Date.now()}@elsewhere.test` });
    const { me } = await sessionOf(t, (await ssoLogin(t, op, squatter.sub, { provider: 'acme' })).res);
    expect(me).toMatchObject({ email: squatter.email, emailVerified: false, identities: [{ providerId: 'acme' }] });

    // The address's real owner resets the password through the mailed link.
    const token = await t.app.get(OneTimeTokensService).issue('reset-password', me.id, squatter.email);
    await request(t.server).post('/v1/auth/password/reset').send({ token, newPassword: strongPassword() }).expect(204);

    expect(await dataSource(t).query('SELECT 1 FROM user_identities WHERE user_id = $1', [me.id])).toHaveLength(0);
    expect(landing((await ssoLogin(t, op, squatter.sub, { provider: 'acme' })).res).error).toBe('account_exists_link_required');
    const unlinked = (await ssoEvents(t, me.id)).filter((e: { type: string }) => e.type === 'identity_unlinked');
    expect(unlinked.map((e: { detail: Record<string, string> }) => e.detail)).toEqual([{ provider: 'acme', reason: 'password_reset' }]);
  });

  it('keeps the link of the provider that owns the domain through a password reset', async () => {
    const account = newAccount(op, 'acme.test');
    const { me } = await sessionOf(t, (await ssoLogin(t, op, account.sub, { provider: 'acme' })).res);
    const token = await t.app.get(OneTimeTokensService).issue('reset-password', me.id, account.email);
    await request(t.server).post('/v1/auth/password/reset').send({ token, newPassword: strongPassword() }).expect(204);
    expect(await dataSource(t).query('SELECT 1 FROM user_identities WHERE user_id = $1', [me.id])).toHaveLength(1);
  });

  it('refuses to link by an address the provider says is unverified, even in its own domain', async () => {
    const account = newAccount(op, 'acme.test', { emailVerified: false });
    const local = await signup(t.server, { email: account.email, mode: 'bearer' });
    const { res } = await ssoLogin(t, op, account.sub, { provider: 'acme' });
    expect(landing(res).error).toBe('account_exists_link_required');
    expect(await dataSource(t).query('SELECT 1 FROM user_identities WHERE user_id = $1', [local.user.id])).toHaveLength(0);
  });

  it('answers password login and signup for a domain that requires SSO with 403 sso_required and the start URL', async () => {
    const email = `bob-${Date.now()}@strict.test`;
    const signupRes = await request(t.server).post('/v1/auth/signup').send({ email, password: strongPassword() });
    expectProblem(signupRes, 403, 'sso_required');
    expect(signupRes.body.startUrl).toBe('http://auth.example.test/v1/auth/sso/start?provider=strict');
    expectProblem(await request(t.server).post('/v1/auth/login').send({ email, password: strongPassword() }), 403, 'sso_required');
    const account = newAccount(op, 'strict.test');
    expect(landing((await ssoLogin(t, op, account.sub, { provider: 'strict' })).res).error).toBeNull();
  });

  it('refuses a passkey sign-in for a domain that requires SSO: no credential of ours bypasses the provider', async () => {
    const account = newAccount(op, 'strict.test');
    const { accessToken } = await sessionOf(t, (await ssoLogin(t, op, account.sub, { provider: 'strict' })).res);
    const authenticator = new SoftAuthenticator(PUBLIC_BASE_URL);
    const creation = await request(t.server).post('/v1/me/passkeys/options').set(bearer(accessToken)).expect(200);
    await request(t.server).post('/v1/me/passkeys').set(bearer(accessToken)).send(authenticator.register(creation.body)).expect(201);

    const options = await request(t.server).post('/v1/auth/passkey/options').expect(200);
    const res = await request(t.server).post('/v1/auth/passkey/verify').send(authenticator.assert(options.body));
    expectProblem(res, 403, 'sso_required');
    expect(res.body.startUrl).toBe('http://auth.example.test/v1/auth/sso/start?provider=strict');
  });

  it('gives a bearer-mode client a one-time code, exchanged once with its PKCE verifier', async () => {
    const account = newAccount(op, 'acme.test');
    const { verifier, challenge } = pkcePair();
    const { res } = await ssoLogin(t, op, account.sub, { provider: 'acme', mode: 'bearer', codeChallenge: challenge });
    const { code } = landing(res);
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.headers['set-cookie']?.toString() ?? '').not.toMatch(/identsphere_refresh=[^;]/);
    const exchanged = await request(t.server).post('/v1/auth/sso/exchange').send({ code, codeVerifier: verifier }).expect(200);
    expect(exchanged.body).toMatchObject({ user: { email: account.email }, tokenType: 'Bearer', refreshToken: expect.any(String) });
    await request(t.server).post('/v1/auth/refresh').set(BEARER_MODE).send({ refreshToken: exchanged.body.refreshToken }).expect(200);
    expectProblem(await request(t.server).post('/v1/auth/sso/exchange').send({ code, codeVerifier: verifier }), 400, 'invalid_sso_code');
  });

  it('spends the one-time code on a wrong verifier: the right one cannot follow', async () => {
    const account = newAccount(op, 'acme.test');
    const { verifier, challenge } = pkcePair();
    const { code } = landing((await ssoLogin(t, op, account.sub, { provider: 'acme', mode: 'bearer', codeChallenge: challenge })).res);
    expectProblem(await request(t.server).post('/v1/auth/sso/exchange').send({ code, codeVerifier: pkcePair().verifier }), 400, 'invalid_sso_code');
    expectProblem(await request(t.server).post('/v1/auth/sso/exchange').send({ code, codeVerifier: verifier }), 400, 'invalid_sso_code');
  });

  it('applies the group to role mapping at each login, keeping roles the mapping does not mention', async () => {
    const account = newAccount(op, 'mapped.test', { groups: ['idp-admins', 'unmapped'] });
    const first = await sessionOf(t, (await ssoLogin(t, op, account.sub, { provider: 'mapped' })).res);
    expect(first.me.roles).toEqual(['admin']);
    expect(decodeJwt(first.accessToken).roles).toEqual(['admin']);
    await dataSource(t).query(`UPDATE users SET roles = array_append(roles, 'auditor') WHERE id = $1`, [first.me.id]);
    op.addAccount({ ...account, groups: ['helpdesk'] });
    const second = await sessionOf(t, (await ssoLogin(t, op, account.sub, { provider: 'mapped' })).res);
    expect(second.me.roles).toEqual(['auditor', 'support']);
  });

  it('counts SSO logins by outcome', async () => {
    const before = { success: await metricSample(t.server, 'identsphere_sso_logins_total', { outcome: 'success' }), refused: await metricSample(t.server, 'identsphere_sso_logins_total', { outcome: 'account_exists_link_required' }) };
    await ssoLogin(t, op, newAccount(op, 'acme.test').sub, { provider: 'acme' });
    const victim = await signup(t.server, { mode: 'bearer' });
    await ssoLogin(t, op, newAccount(op, 'acme.test', { email: victim.email }).sub, { provider: 'acme' });
    expect(await metricSample(t.server, 'identsphere_sso_logins_total', { outcome: 'success' })).toBe(before.success + 1);
    expect(await metricSample(t.server, 'identsphere_sso_logins_total', { outcome: 'account_exists_link_required' })).toBe(before.refused + 1);
  });

  it('requires a codeChallenge in bearer mode', async () => {
    expectProblem(await request(t.server).get('/v1/auth/sso/start').query({ provider: 'acme', mode: 'bearer', returnTo: RETURN_TO }), 400, 'validation_failed');
  });
});
