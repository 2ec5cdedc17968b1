import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import * as client from 'openid-client';
import { BACKCHANNEL_LOGOUT_EVENT, OidcTestProvider } from '../support/oidc-test-provider';

/**
 * The test OpenID Provider the SSO suites rely on: proves it behaves like a real provider for a certified
 * relying-party library (openid-client), so a failure in an SSO test points at our code, not at the rig.
 */
const CLIENT = { clientId: 'identsphere-test', clientSecret: 'test-client-secret-0123456789', redirectUris: ['http://127.0.0.1:1/v1/auth/sso/callback'], backchannelLogoutUri: 'http://127.0.0.1:1/v1/auth/sso/backchannel-logout', postLogoutRedirectUris: ['http://127.0.0.1:1/'] };
const ALICE = { sub: 'alice-0001', email: 'alice@acme.test', emailVerified: true, name: 'Alice Acme', groups: ['engineering', 'admins'], amr: ['pwd', 'otp'] };

async function discover(op: OidcTestProvider): Promise<client.Configuration> {
  return client.discovery(new URL(op.issuer), CLIENT.clientId, CLIENT.clientSecret, undefined, { execute: [client.allowInsecureRequests] });
}

/** One code flow with PKCE, state and nonce, as the relying party will run it. */
async function signIn(op: OidcTestProvider, config: client.Configuration, sub: string) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: CLIENT.redirectUris[0],
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const callback = await op.authorize(url.toString(), sub);
  return { callback, verifier, state, nonce };
}

describe('OidcTestProvider (the test OpenID Provider)', () => {
  let op: OidcTestProvider;
  beforeAll(async () => {
    op = await OidcTestProvider.start({ clients: [CLIENT] });
    op.addAccount(ALICE);
  });
  afterAll(() => op.stop());

  it('publishes discovery metadata with the endpoints SSO needs', async () => {
    const metadata = (await discover(op)).serverMetadata();
    expect(metadata.issuer).toBe(op.issuer);
    expect(metadata).toMatchObject({ backchannel_logout_supported: true, backchannel_logout_session_supported: true, code_challenge_methods_supported: ['S256'] });
    expect(metadata.end_session_endpoint).toMatch(new RegExp(`^${op.issuer}/`));
    expect(metadata.jwks_uri).toBe(op.jwksUri);
  });

  it('runs a code flow with PKCE: an ID token with the account claims, amr and a session id', async () => {
    const config = await discover(op);
    const { callback, verifier, state, nonce } = await signIn(op, config, ALICE.sub);
    expect(callback.startsWith(CLIENT.redirectUris[0])).toBe(true);
    const tokens = await client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    const claims = tokens.claims();
    expect(claims).toMatchObject({ iss: op.issuer, aud: CLIENT.clientId, sub: ALICE.sub, email: ALICE.email, email_verified: true, name: ALICE.name, groups: ALICE.groups, amr: ALICE.amr, nonce });
    expect(claims?.sid).toEqual(op.sessionIdsOf(ALICE.sub).at(-1));
  });

  it('refuses an authorization request without PKCE', async () => {
    const config = await discover(op);
    const url = client.buildAuthorizationUrl(config, { redirect_uri: CLIENT.redirectUris[0], scope: 'openid', state: 's', nonce: 'n' });
    const callback = new URL(await op.authorize(url.toString(), ALICE.sub));
    expect(callback.searchParams.get('error')).toBe('invalid_request');
  });

  it('denies an unknown account with access_denied', async () => {
    const { callback } = await signIn(op, await discover(op), 'nobody');
    expect(new URL(callback).searchParams.get('error')).toBe('access_denied');
  });

  it('rotates its signing key: the new kid is published, the old one withdrawn, new ID tokens use it', async () => {
    const before = op.currentKeyId;
    await op.rotateKeys();
    const jwks = (await (await fetch(op.jwksUri)).json()) as JSONWebKeySet;
    expect(jwks.keys.map((k) => k.kid)).toEqual([op.currentKeyId]);
    expect(op.currentKeyId).not.toBe(before);
    const config = await discover(op);
    const { callback, verifier, state, nonce } = await signIn(op, config, ALICE.sub);
    const tokens = await client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    expect(decodeProtectedHeader(tokens.id_token!).kid).toBe(op.currentKeyId);
  });

  it('signs back-channel logout tokens with its published key, with the logout event and no nonce', async () => {
    const token = await op.logoutToken(CLIENT.clientId, { sub: ALICE.sub, sid: 'sid-1' });
    const jwks = createLocalJWKSet((await (await fetch(op.jwksUri)).json()) as JSONWebKeySet);
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer: op.issuer, audience: CLIENT.clientId });
    expect(protectedHeader.typ).toBe('logout+jwt');
    expect(payload).toMatchObject({ sub: ALICE.sub, sid: 'sid-1', events: { [BACKCHANNEL_LOGOUT_EVENT]: {} }, jti: expect.any(String) });
    expect(payload.nonce).toBeUndefined();
  });

  it('is unreachable once stopped', async () => {
    const other = await OidcTestProvider.start();
    const discoveryUrl = `${other.issuer}/.well-known/openid-configuration`;
    expect((await fetch(discoveryUrl)).status).toBe(200);
    await other.stop();
    await expect(fetch(discoveryUrl)).rejects.toThrow();
  });
});
