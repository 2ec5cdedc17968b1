import { exportJWK, generateKeyPair, type JWK } from 'jose';
import request from 'supertest';
import { ClientAssertionKey } from '@identsphere/crypto';
import { IdentityProviders } from '@identsphere/identities';
import { dataSource } from '../support/auth-factories';
import { OidcTestProvider } from '../support/oidc-test-provider';
import { CALLBACK_URL, landing, newAccount, RETURN_TO, sessionOf, ssoLogin, startSsoApp } from '../support/sso-rig';
import type { TestApp } from '../support/test-app';

/** The key set of a stranger: a provider that registered it refuses our assertions. */
async function anotherJwks(): Promise<{ keys: JWK[] }> {
  const { publicKey } = await generateKeyPair('ES256');
  return { keys: [{ ...(await exportJWK(publicKey)), kid: 'someone-else', alg: 'ES256', use: 'sig' }] };
}

/** SSO with `private_key_jwt`: we sign client assertions with the key our JWKS publishes; no client secret anywhere. */
describe('SSO login with private_key_jwt client authentication', () => {
  let op: OidcTestProvider;
  let t: TestApp;
  beforeAll(async () => {
    t = await startSsoApp([]);
    // The provider learns our key as an admin would register it: from our published JWKS.
    const ours = (await request(t.server).get('/.well-known/jwks.json').expect(200)).body as { keys: JWK[] };
    const kid = t.app.get(ClientAssertionKey).kid;
    op = await OidcTestProvider.start({
      clients: [
        { clientId: 'pkjwt-ours', clientSecret: '', redirectUris: [CALLBACK_URL], privateKeyJwt: { jwks: { keys: ours.keys.filter((k) => k.kid === kid) } } },
        { clientId: 'pkjwt-other', clientSecret: '', redirectUris: [CALLBACK_URL], privateKeyJwt: { jwks: await anotherJwks() } },
      ],
    });
    const providers = t.app.get(IdentityProviders);
    for (const [id, clientId, domain] of [['pkjwt', 'pkjwt-ours', 'pkjwt.test'], ['pkjwt-wrong-key', 'pkjwt-other', 'wrong-key.test']]) {
      await providers.create({ id, name: `Test ${id}`, issuer: op.issuer, clientId, authMethod: 'private_key_jwt', domains: [domain] }, 'e2e-setup');
    }
  });
  afterAll(async () => {
    await t?.close();
    await op?.stop();
  });

  it('publishes the assertion key in our JWKS without its private part', async () => {
    const key = t.app.get(ClientAssertionKey);
    const jwks = (await request(t.server).get('/.well-known/jwks.json').expect(200)).body;
    const published = jwks.keys.find((k: { kid: string }) => k.kid === key.kid);
    expect(published).toEqual({ kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String), kid: key.kid, alg: 'ES256', use: 'sig' });
  });

  it('signs a user in at a provider that authenticates us by our published key, storing no client secret', async () => {
    const account = newAccount(op, 'pkjwt.test');
    const { res } = await ssoLogin(t, op, account.sub, { provider: 'pkjwt' });
    expect(landing(res)).toEqual({ url: RETURN_TO, error: null, code: null });
    const { me } = await sessionOf(t, res);
    expect(me).toMatchObject({ email: account.email, identities: [{ providerId: 'pkjwt', email: account.email }] });
    const [row] = await dataSource(t).query(`SELECT auth_method, client_secret_sealed FROM identity_providers WHERE id = 'pkjwt'`);
    expect(row).toEqual({ auth_method: 'private_key_jwt', client_secret_sealed: null });
  });

  it('sends the browser back with error=sso_failed (no 500, no account) when the provider registered another key', async () => {
    const account = newAccount(op, 'wrong-key.test');
    const { res } = await ssoLogin(t, op, account.sub, { provider: 'pkjwt-wrong-key' });
    expect(landing(res)).toEqual({ url: RETURN_TO, error: 'sso_failed', code: null });
    expect(await dataSource(t).query(`SELECT 1 FROM users WHERE email = $1`, [account.email])).toHaveLength(0);
  });
});
