import { SignJWT } from 'jose';
import { createPublicKey } from 'node:crypto';
import { ClientAssertionKey } from '@identsphere/crypto';
import { KeyRing } from '@identsphere/tokens';
import request, { Response } from 'supertest';
import { TEST_JWT_SECRET, TestApp } from '../support/test-app';
import { bearer, expectProblem, signup, startAuthApp } from '../support/auth-factories';
import { nowSeconds, partsOf, signHs256, signWithOwnKey, tamperPayload, unsecured, withClockAhead } from '../support/jwt-forge';

function expectInvalidToken(res: Response): void {
  expectProblem(res, 401, 'unauthorized');
  expect(res.headers['www-authenticate']).toMatch(/^Bearer\b.*error="invalid_token"/);
}

describe('forged access tokens against an ES256 service', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  const me = (token: string) => request(t.server).get('/v1/me').set(bearer(token));

  /** A real token of a fresh user: the raw material an attacker starts from. */
  async function realToken() {
    const s = await signup(t.server);
    expect((await me(s.accessToken)).status).toBe(200);
    return { s, ...partsOf(s.accessToken) };
  }

  it('refuses alg none', async () => {
    const { header, payload } = await realToken();

    expectInvalidToken(await me(unsecured(header, payload)));
    expectInvalidToken(await me(unsecured({ ...header, alg: 'None' }, payload)));
  });

  it('refuses HS256 signed with IDENTSPHERE_JWT_SECRET while ES256 is configured', async () => {
    const { header, payload } = await realToken();

    expectInvalidToken(await me(await signHs256(header, payload, TEST_JWT_SECRET)));
  });

  it('refuses HS256 signed with the published public key (algorithm confusion)', async () => {
    const { header, payload } = await realToken();
    const jwks = (await request(t.server).get('/.well-known/jwks.json')).body;
    const jwk = jwks.keys.find((k: { kid: string }) => k.kid === header.kid);
    const pem = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();

    expectInvalidToken(await me(await signHs256(header, payload, pem)));
    expectInvalidToken(await me(await signHs256(header, payload, JSON.stringify(jwk))));
  });

  it('refuses a token signed with the SSO client-assertion key, though JWKS publishes it', async () => {
    const { header, payload } = await realToken();
    const assertionKey = t.app.get(ClientAssertionKey);
    const token = await new SignJWT(payload).setProtectedHeader({ ...header, alg: 'ES256', kid: assertionKey.kid }).sign(assertionKey.privateKey());

    expectInvalidToken(await me(token));
  });

  it('refuses a tampered payload under the original signature', async () => {
    const { s } = await realToken();

    expectInvalidToken(await me(tamperPayload(s.accessToken, { roles: ['admin'] })));
    expectInvalidToken(await me(tamperPayload(s.accessToken, { exp: partsOf(s.accessToken).payload.exp + 3600 })));
  });

  it("refuses another user's identity pasted into a real token", async () => {
    const victim = await signup(t.server);
    const { s } = await realToken();

    expectInvalidToken(await me(tamperPayload(s.accessToken, { sub: victim.user.id, sid: victim.sessionId })));
  });

  it('refuses a token signed by an unknown key with an unknown kid', async () => {
    const { header, payload } = await realToken();

    expectInvalidToken(await me(await signWithOwnKey({ ...header, kid: 'attacker-key' }, payload)));
  });

  it('refuses a token signed by an unknown key under our kid', async () => {
    const { header, payload } = await realToken();

    expectInvalidToken(await me(await signWithOwnKey(header, payload)));
  });

  it('ignores a key embedded in the header (jwk) or pointed to by jku/x5u', async () => {
    const { header, payload } = await realToken();
    const { kid: _kid, ...noKid } = header;

    expectInvalidToken(await me(await signWithOwnKey(noKid, payload, { embedJwk: true })));
    expectInvalidToken(await me(await signWithOwnKey(header, payload, { embedJwk: true })));
    expectInvalidToken(await me(await signWithOwnKey({ ...noKid, jku: 'https://evil.example.net/jwks.json' }, payload)));
    expectInvalidToken(await me(await signWithOwnKey({ ...noKid, x5u: 'https://evil.example.net/cert.pem' }, payload)));
  });

  it('refuses a token with a truncated or missing signature', async () => {
    const { s } = await realToken();
    const [h, p, sig] = s.accessToken.split('.');

    expectInvalidToken(await me(`${h}.${p}.`));
    expectInvalidToken(await me(`${h}.${p}.${sig.slice(0, -6)}`));
    expectInvalidToken(await me(`${h}.${p}`));
  });
});

describe('expired ES256 access tokens', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp({ env: { IDENTSPHERE_ACCESS_TOKEN_TTL: '1' } })));
  afterAll(() => t.close());

  it('refuses a token once its short lifetime and the clock tolerance have passed', async () => {
    const s = await signup(t.server);
    expect(s.body.expiresIn).toBe(1);
    expect(partsOf(s.accessToken).payload.exp - partsOf(s.accessToken).payload.iat).toBe(1);

    // Move the in-process clock 30 s ahead rather than sleeping past the (≤ 5 s) tolerance.
    const res = await withClockAhead(30_000, () => request(t.server).get('/v1/me').set(bearer(s.accessToken)));

    expectInvalidToken(res);
  });
});

describe('claims our signer never produces, signed with our own key', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  const me = (token: string) => request(t.server).get('/v1/me').set(bearer(token));

  /** A real token's claims with `changes`, signed with the service's active key: only the claims differ. */
  async function signedByUs(changes: Record<string, unknown>): Promise<string> {
    const { header, payload } = partsOf((await signup(t.server)).accessToken);
    const key = await t.app.get(KeyRing).signingKey();
    return new SignJWT({ ...payload, ...changes }).setProtectedHeader({ alg: header.alg, typ: header.typ, kid: header.kid }).sign(key.privateKey);
  }

  it('accepts a faithful re-signing (so the refusals below are about the changed claim)', async () => {
    expect((await me(await signedByUs({ jti: 'another-jti' }))).status).toBe(200);
  });

  it('refuses aud as an array, even one holding only our audience', async () => {
    expectInvalidToken(await me(await signedByUs({ aud: [t.config.tokens.audience] })));
    expectInvalidToken(await me(await signedByUs({ aud: [t.config.tokens.audience, 'https://other-api.example.net'] })));
  });

  it('refuses an iat beyond the 5 s clock tolerance in the future, and accepts one within it', async () => {
    expectInvalidToken(await me(await signedByUs({ iat: nowSeconds() + 60 })));
    expectInvalidToken(await me(await signedByUs({ iat: nowSeconds() + 3_600, exp: nowSeconds() + 7_200 })));
    expect((await me(await signedByUs({ iat: nowSeconds() + 2 }))).status).toBe(200);
  });

  it('refuses a token without iat or with a non-numeric one', async () => {
    expectInvalidToken(await me(await signedByUs({ iat: undefined })));
    expectInvalidToken(await me(await signedByUs({ iat: 'now' })));
  });
});
