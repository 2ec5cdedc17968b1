import { jwtVerify } from 'jose';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { TEST_JWT_SECRET, TestApp } from '../support/test-app';
import { bearer, expectProblem, signup, startAuthApp } from '../support/auth-factories';
import { keyBytes, printedHs256Key } from '../support/hs256-key';
import { partsOf, signHs256 } from '../support/jwt-forge';

const HS256_ENV = { NODE_ENV: 'test', IDENTSPHERE_JWT_SECRET: TEST_JWT_SECRET, IDENTSPHERE_JWT_ALG: 'HS256' };

describe('the HS256 key resource servers hold', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp({ env: { IDENTSPHERE_JWT_ALG: 'HS256' } })));
  afterAll(() => t.close());

  const verifyWith = (token: string, key: Uint8Array) =>
    jwtVerify(token, key, { issuer: t.config.tokens.issuer, audience: t.config.tokens.audience, algorithms: ['HS256'], typ: 'at+jwt' });

  it('is printed by `cli.js hs256-key` as one base64url line of 32 bytes', async () => {
    const printed = await printedHs256Key(HS256_ENV);

    expect(printed.code).toBe(0);
    expect(printed.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keyBytes(printed.key)).toHaveLength(32);
  });

  it('verifies the tokens the service signs: the CLI prints the key the service uses', async () => {
    const s = await signup(t.server);
    const key = keyBytes((await printedHs256Key(HS256_ENV)).key);

    expect((await verifyWith(s.accessToken, key)).payload.sub).toBe(s.user.id);
  });

  it('is not the root secret: a token does not verify with IDENTSPHERE_JWT_SECRET', async () => {
    const s = await signup(t.server);

    await expect(verifyWith(s.accessToken, new TextEncoder().encode(TEST_JWT_SECRET))).rejects.toThrow();
  });

  it('is the only HS256 key the service accepts: a token re-signed with the root secret is refused', async () => {
    const s = await signup(t.server);
    const { header, payload } = partsOf(s.accessToken);

    const res = await request(t.server).get('/v1/me').set(bearer(await signHs256(header, payload, TEST_JWT_SECRET)));

    expectProblem(res, 401, 'unauthorized');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer\b.*error="invalid_token"/);
  });

  it('has a kid that is not the one derived from the root secret before', async () => {
    const s = await signup(t.server);
    const secretKid = createHash('sha256').update(`identsphere hs256 kid:${TEST_JWT_SECRET}`).digest('base64url').slice(0, 22);

    expect(partsOf(s.accessToken).header.kid).not.toBe(secretKid);
  });
});

describe('cli.js hs256-key with an asymmetric algorithm', () => {
  it('exits 78 without printing a key: resource servers use the JWKS', async () => {
    const printed = await printedHs256Key({ ...HS256_ENV, IDENTSPHERE_JWT_ALG: 'ES256' });

    expect(printed.code).toBe(78);
    expect(printed.key).toBe('');
    expect(printed.errors.join('\n')).toContain('IDENTSPHERE_JWT_ALG');
  });
});
