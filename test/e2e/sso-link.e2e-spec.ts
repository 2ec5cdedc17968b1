import request from 'supertest';
import { dataSource, expectProblem, refreshCookieOf, signup } from '../support/auth-factories';
import { enrolTotp, pinTotpClock } from '../support/mfa-factories';
import type { OidcTestProvider } from '../support/oidc-test-provider';
import { landing, linkTokenOf, newAccount, ssoEvents, ssoLogin, startSsoApp, startTestOp } from '../support/sso-rig';
import type { TestApp } from '../support/test-app';
import { totpCode } from '../support/totp';

const link = (t: TestApp, body: Record<string, string>) => request(t.server).post('/v1/auth/sso/link').send(body);

/** Linking a provider identity to an existing account whose domain the provider does not own: only with the account's password. */
describe('SSO: linking an existing account by proving its password', () => {
  let op: OidcTestProvider;
  let t: TestApp;
  beforeAll(async () => {
    op = await startTestOp();
    t = await startSsoApp([{ id: 'acme', issuer: op.issuer, domains: ['acme.test'] }]);
  });
  afterAll(async () => {
    await t?.close();
    await op?.stop();
  });

  /** A password account, and a provider account asserting its address (which the provider does not own). */
  async function refusedLogin() {
    const local = await signup(t.server, { mode: 'bearer' });
    const account = newAccount(op, 'acme.test', { email: local.email });
    const { res } = await ssoLogin(t, op, account.sub, { provider: 'acme' });
    expect(landing(res).error).toBe('account_exists_link_required');
    return { local, account, linkToken: linkTokenOf(res) };
  }

  it('links the identity and signs in once the owner proves the password; later SSO logins need no proof', async () => {
    const { local, account, linkToken } = await refusedLogin();
    const linked = await link(t, { linkToken, password: local.password }).expect(200);
    expect(linked.body.user.id).toBe(local.user.id);
    expect(refreshCookieOf(linked)).toBeDefined();
    expect((await ssoEvents(t, local.user.id)).map((e: { type: string; detail: Record<string, string> }) => [e.type, e.detail.via ?? e.detail.error])).toEqual([
      ['signup', undefined],
      ['sso_login_failed', 'account_exists_link_required'],
      ['identity_linked', 'password'],
      ['sso_login_succeeded', undefined],
    ]);
    expect(landing((await ssoLogin(t, op, account.sub, { provider: 'acme' })).res).error).toBeNull();
  });

  it('refuses a wrong password with 401 invalid_credentials, and the link token is spent', async () => {
    const { local, linkToken } = await refusedLogin();
    expectProblem(await link(t, { linkToken, password: 'not-the-password-at-all' }), 401, 'invalid_credentials');
    expectProblem(await link(t, { linkToken, password: local.password }), 400, 'invalid_sso_link');
    expect(await dataSource(t).query('SELECT 1 FROM user_identities WHERE user_id = $1', [local.user.id])).toHaveLength(0);
  });

  it('asks an account with a second factor for it too: the password alone does not get around MFA', async () => {
    const clock = pinTotpClock(t);
    const { local, linkToken } = await refusedLogin();
    const { secret } = await enrolTotp(t.server, local.accessToken, clock.now());
    clock.set(clock.now() + 30);
    const withoutFactor = await link(t, { linkToken, password: local.password });
    expectProblem(withoutFactor, 400, 'method_not_available');
    expect(withoutFactor.body.methods).toEqual(['totp', 'recovery_code']);
    const again = await refusedLoginOf(local.email);
    await link(t, { linkToken: again, password: local.password, method: 'totp', code: totpCode(secret, clock.now()) }).expect(200);
  });

  it('answers an unknown link token with 400 invalid_sso_link', async () => {
    expectProblem(await link(t, { linkToken: 'A'.repeat(43), password: 'whatever-password' }), 400, 'invalid_sso_link');
  });

  /** Another refused SSO login for the address: a fresh link token. */
  async function refusedLoginOf(email: string): Promise<string> {
    const account = newAccount(op, 'acme.test', { email });
    return linkTokenOf((await ssoLogin(t, op, account.sub, { provider: 'acme' })).res);
  }
});
