import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import type { IdentityProvider, IdentityProviders } from '@identsphere/identities';
import type { OidcClients } from '../oidc-clients';
import { BACKCHANNEL_LOGOUT_EVENT, LogoutTokenVerifier } from './logout-token-verifier';

const ISSUER = 'https://login.acme.test';
const provider = { id: 'acme', issuer: ISSUER, clientId: 'identsphere' } as IdentityProvider;
const other = { id: 'globex', issuer: 'https://login.globex.test', clientId: 'identsphere' } as IdentityProvider;

describe('LogoutTokenVerifier', () => {
  let key: CryptoKey;
  let verifier: LogoutTokenVerifier;
  let unreachable: boolean;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    key = pair.privateKey;
    const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }] });
    const providers = { list: async () => [provider, other] } as unknown as IdentityProviders;
    const clients = {
      for: async () => {
        if (unreachable) throw new Error('discovery failed');
        return { keys };
      },
    } as unknown as OidcClients;
    verifier = new LogoutTokenVerifier(providers, clients);
  });
  beforeEach(() => (unreachable = false));

  const now = () => Math.floor(Date.now() / 1000);
  const token = (overrides: JWTPayload = {}, header: { alg: string; kid?: string } = { alg: 'ES256', kid: 'k1' }) => {
    const claims: JWTPayload = { iss: ISSUER, aud: 'identsphere', iat: now(), jti: 'j-1', sub: 's-1', events: { [BACKCHANNEL_LOGOUT_EVENT]: {} }, ...overrides };
    for (const name of Object.keys(claims)) if (claims[name] === undefined) delete claims[name];
    return new SignJWT(claims).setProtectedHeader(header).sign(key);
  };
  const faultOf = (t: string) => verifier.verify(t).then(() => 'accepted', (e: { fault?: string }) => e.fault ?? String(e));

  it('accepts a valid token and names the provider, subject, session and how long to remember the jti', async () => {
    const verified = await verifier.verify(await token({ sid: 'op-sid' }));
    expect(verified).toMatchObject({ providers: [provider], sub: 's-1', sid: 'op-sid', jti: 'j-1' });
    expect(verified.rememberUntil.getTime()).toBeGreaterThan(Date.now() + 300_000);
  });

  it.each([
    ['unknown_issuer', { iss: 'https://evil.test' }],
    ['unknown_issuer', { aud: 'someone-else' }],
    ['events', { events: { [BACKCHANNEL_LOGOUT_EVENT]: 'yes' } }],
    ['events', { events: undefined }],
    ['nonce', { nonce: 'n' }],
    ['subject', { sub: undefined }],
    ['subject', { sub: '' }],
    ['jti', { jti: undefined }],
    ['claims', { iat: now() - 3600 }],
    ['claims', { iat: undefined }],
  ])('refuses with fault %s: %j', async (fault, overrides) => {
    expect(await faultOf(await token(overrides as JWTPayload))).toBe(fault);
  });

  it('refuses what is not a JWT, an unknown key and an unreadable provider with their own faults', async () => {
    expect(await faultOf('a.b')).toBe('malformed');
    expect(await faultOf(await token({}, { alg: 'ES256', kid: 'unknown' }))).toBe('signature');
    unreachable = true;
    expect(await faultOf(await token())).toBe('provider_unavailable');
  });
});
