import request from 'supertest';
import { asAdmin, signedInAdmin, SignedInAdmin } from '../support/admin-factories';
import { expectProblem } from '../support/auth-factories';
import { createIdentityProvider, providerBody, uniqueDomain } from '../support/identity-provider-factories';
import { pinTotpClock } from '../support/mfa-factories';
import type { OidcTestProvider } from '../support/oidc-test-provider';
import { CALLBACK_URL, landing, newAccount, RETURN_TO, sessionOf, ssoLogin, startSsoApp, startTestOp, TEST_CLIENT } from '../support/sso-rig';
import type { TestApp } from '../support/test-app';

/**
 * The operator's path of the issue: a provider added through the admin API (none in the environment) is one
 * its users can sign in with at once, and its changes take effect at the next sign-in on every instance.
 */
describe('an identity provider added through the admin API', () => {
  let op: OidcTestProvider;
  let t: TestApp;
  let admin: SignedInAdmin;
  beforeAll(async () => {
    op = await startTestOp();
    t = await startSsoApp([]);
    admin = await signedInAdmin(t, pinTotpClock(t));
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    await t?.close();
    await op?.stop();
  });

  const addProvider = async (domain: string) => {
    const body = providerBody({ issuer: op.issuer, clientId: TEST_CLIENT.clientId, clientSecret: TEST_CLIENT.clientSecret, domains: [domain] });
    const res = await createIdentityProvider(t.server, admin.accessToken, body).expect(201);
    return { body, created: res.body };
  };

  it('shows the redirect URI registered at the provider, and its users sign in with it just in time', async () => {
    const domain = uniqueDomain();
    const { body, created } = await addProvider(domain);
    expect(created.redirectUri).toBe(CALLBACK_URL);
    const account = newAccount(op, domain);
    const { res } = await ssoLogin(t, op, account.sub, { provider: body.id });
    expect(landing(res)).toEqual({ url: RETURN_TO, error: null, code: null });
    expect((await sessionOf(t, res)).me).toMatchObject({ email: account.email, identities: [{ providerId: body.id, email: account.email }] });
  });

  it('uses a replaced client secret at the next sign-in, and a deleted provider no longer starts one', async () => {
    const domain = uniqueDomain();
    const { body } = await addProvider(domain);
    const { id: _id, clientSecret: _s, ...settings } = body;
    const api = asAdmin(t.server, admin.accessToken);
    await api.put(`/v1/admin/identity-providers/${body.id}`, { ...settings, clientSecret: 'not-the-secret-the-provider-knows' }).expect(200);
    const refused = await ssoLogin(t, op, newAccount(op, domain).sub, { provider: body.id });
    expect(landing(refused.res).error).toBe('sso_failed');

    await api.put(`/v1/admin/identity-providers/${body.id}`, { ...settings, clientSecret: TEST_CLIENT.clientSecret }).expect(200);
    expect(landing((await ssoLogin(t, op, newAccount(op, domain).sub, { provider: body.id })).res).error).toBeNull();

    await api.delete(`/v1/admin/identity-providers/${body.id}`).expect(204);
    expectProblem(await request(t.server).get('/v1/auth/sso/start').query({ provider: body.id, returnTo: RETURN_TO }), 404, 'unknown_provider');
  });
});
