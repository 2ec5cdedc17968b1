import { ClientAssertionKey } from '@identsphere/crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import request, { Response } from 'supertest';
import { TEST_JWT_SECRET, TestApp } from '../support/test-app';
import { bearer, expectProblem, refreshWithCookie, rotated, signup, startAuthApp } from '../support/auth-factories';
import { printedHs256Key, keyBytes } from '../support/hs256-key';
import { nowSeconds, partsOf, signHs256 } from '../support/jwt-forge';

function expectInvalidToken(res: Response): void {
  expectProblem(res, 401, 'unauthorized');
  expect(res.headers['www-authenticate']).toMatch(/^Bearer\b.*error="invalid_token"/);
}

describe.each([
  ['EdDSA', { kty: 'OKP', crv: 'Ed25519' }],
  ['RS256', { kty: 'RSA' }],
])('the same flow with IDENTSPHERE_JWT_ALG=%s', (alg, keyShape) => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp({ env: { IDENTSPHERE_JWT_ALG: alg } })));
  afterAll(() => t.close());

  it('signs with that algorithm, publishes the key and verifies with the JWKS', async () => {
    const s = await signup(t.server);
    const { header } = partsOf(s.accessToken);
    expect(header).toEqual(expect.objectContaining({ alg, typ: 'at+jwt', kid: expect.any(String) }));

    const jwks = (await request(t.server).get('/.well-known/jwks.json').expect(200)).body;
    expect(jwks.keys.find((k: { kid: string }) => k.kid === header.kid)).toEqual(expect.objectContaining(keyShape));
    const { payload } = await jwtVerify(s.accessToken, createLocalJWKSet(jwks), {
      issuer: t.config.tokens.issuer,
      audience: t.config.tokens.audience,
      algorithms: [alg],
    });
    expect(payload.sub).toBe(s.user.id);
  });

  it('accepts its tokens on /v1/me and after a refresh', async () => {
    const s = await signup(t.server);
    expect((await request(t.server).get('/v1/me').set(bearer(s.accessToken))).status).toBe(200);

    const next = rotated(await refreshWithCookie(t.server, s.cookieHeader));

    expect((await request(t.server).get('/v1/me').set(bearer(next.accessToken))).status).toBe(200);
  });

  it('lists the algorithm in the discovery document', async () => {
    const res = await request(t.server).get('/.well-known/openid-configuration');

    expect(res.body.id_token_signing_alg_values_supported).toContain(alg);
  });

  it('refuses HS256 signed with the secret', async () => {
    const s = await signup(t.server);
    const { header, payload } = partsOf(s.accessToken);

    expectInvalidToken(await request(t.server).get('/v1/me').set(bearer(await signHs256(header, payload, TEST_JWT_SECRET))));
  });
});

describe('IDENTSPHERE_JWT_ALG=HS256', () => {
  let t: TestApp;
  /** The key `cli.js hs256-key` prints for this configuration: what a resource server holds. */
  let key: Uint8Array;
  beforeAll(async () => {
    t = await startAuthApp({ env: { IDENTSPHERE_JWT_ALG: 'HS256' } });
    key = keyBytes((await printedHs256Key({ NODE_ENV: 'test', IDENTSPHERE_JWT_SECRET: TEST_JWT_SECRET, IDENTSPHERE_JWT_ALG: 'HS256' })).key);
  });
  afterAll(() => t.close());

  const me = (token: string) => request(t.server).get('/v1/me').set(bearer(token));

  /** A real token's header and claims, re-signed by a holder of the HS256 key, with `changes` applied. */
  async function resigned(changes: Record<string, unknown>, headerChanges: Record<string, unknown> = {}) {
    const s = await signup(t.server);
    const { header, payload } = partsOf(s.accessToken);
    const claims: Record<string, unknown> = { ...payload, ...changes };
    for (const [k, v] of Object.entries(changes)) if (v === undefined) delete claims[k];
    return signHs256({ ...header, ...headerChanges }, claims, key);
  }

  it('publishes no access-token key, only the SSO client-assertion key', async () => {
    const res = await request(t.server).get('/.well-known/jwks.json');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ keys: [t.app.get(ClientAssertionKey).publicJwk()] });
  });

  it('signs with the key the CLI prints, with typ at+jwt', async () => {
    const s = await signup(t.server);

    const { payload, protectedHeader } = await jwtVerify(s.accessToken, key, {
      issuer: t.config.tokens.issuer,
      audience: t.config.tokens.audience,
      algorithms: ['HS256'],
      typ: 'at+jwt',
    });

    expect(payload.sub).toBe(s.user.id);
    expect(protectedHeader).toEqual(expect.objectContaining({ alg: 'HS256', typ: 'at+jwt', kid: expect.any(String) }));
    expect((await me(s.accessToken)).status).toBe(200);
  });

  it('accepts a faithful re-signing (so the refusals below are about the changed claim)', async () => {
    expect((await me(await resigned({ jti: 'another-jti' }))).status).toBe(200);
  });

  it('refuses a wrong iss', async () => {
    expectInvalidToken(await me(await resigned({ iss: 'https://evil.example.net' })));
  });

  it('refuses a wrong aud', async () => {
    expectInvalidToken(await me(await resigned({ aud: 'https://other-api.example.net' })));
  });

  it('refuses a typ other than at+jwt', async () => {
    expectInvalidToken(await me(await resigned({}, { typ: 'JWT' })));
    expectInvalidToken(await me(await resigned({}, { typ: undefined })));
  });

  it('refuses an expired token', async () => {
    expectInvalidToken(await me(await resigned({ iat: nowSeconds() - 120, exp: nowSeconds() - 60 })));
  });

  it('refuses a token whose nbf is in the future', async () => {
    expectInvalidToken(await me(await resigned({ nbf: nowSeconds() + 600 })));
  });

  it('refuses a token without exp', async () => {
    expectInvalidToken(await me(await resigned({ exp: undefined })));
  });

  it('refuses a non-numeric exp', async () => {
    expectInvalidToken(await me(await resigned({ exp: 'never' })));
  });

  it('refuses a token for a session that does not exist', async () => {
    expectInvalidToken(await me(await resigned({ sid: '00000000-0000-4000-8000-000000000000' })));
  });
});
