import { createRemoteJWKSet, jwtVerify } from 'jose';
import request from 'supertest';
import { TestApp } from '../support/test-app';
import { expectProblem, refreshWithCookie, rotated, signup, startAuthApp } from '../support/auth-factories';
import { partsOf } from '../support/jwt-forge';

const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

describe('access tokens (ES256 default)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp({ listen: true })));
  afterAll(() => t.close());

  it('carries typ at+jwt and a kid in the header', async () => {
    const s = await signup(t.server);

    const { header } = partsOf(s.accessToken);

    expect(header).toEqual(expect.objectContaining({ alg: 'ES256', typ: 'at+jwt', kid: expect.any(String) }));
  });

  it('carries the claims the contract lists', async () => {
    const s = await signup(t.server);

    const { payload } = partsOf(s.accessToken);

    expect(payload).toEqual(
      expect.objectContaining({
        iss: t.config.tokens.issuer,
        sub: s.user.id,
        iat: expect.any(Number),
        exp: expect.any(Number),
        jti: expect.any(String),
        sid: s.sessionId,
        email: s.email,
        email_verified: false,
        roles: s.user.roles,
        amr: expect.any(Array),
      }),
    );
    expect([payload.aud].flat()).toContain(t.config.tokens.audience);
    expect(payload.exp - payload.iat).toBe(t.config.tokens.accessTtlSeconds);
    expect(payload.amr.length).toBeGreaterThan(0);
  });

  it('gives every access token its own jti', async () => {
    const s = await signup(t.server);
    const next = rotated(await refreshWithCookie(t.server, s.cookieHeader));

    expect(partsOf(next.accessToken).payload.jti).not.toBe(partsOf(s.accessToken).payload.jti);
  });

  it('publishes the public signing key in /.well-known/jwks.json with a Cache-Control max-age', async () => {
    const s = await signup(t.server);
    const kid = partsOf(s.accessToken).header.kid;

    const res = await request(t.server).get('/.well-known/jwks.json');

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toMatch(/max-age=\d+/);
    const key = res.body.keys.find((k: { kid: string }) => k.kid === kid);
    expect(key).toEqual(expect.objectContaining({ kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String) }));
    for (const k of res.body.keys) for (const member of PRIVATE_JWK_MEMBERS) expect(k).not.toHaveProperty(member);
  });

  it('verifies with jose.createRemoteJWKSet against our JWKS, checking issuer and audience', async () => {
    const s = await signup(t.server);
    const jwks = createRemoteJWKSet(new URL(`${t.baseUrl}/.well-known/jwks.json`));

    const { payload, protectedHeader } = await jwtVerify(s.accessToken, jwks, {
      issuer: t.config.tokens.issuer,
      audience: t.config.tokens.audience,
      typ: 'at+jwt',
      algorithms: ['ES256'],
    });

    expect(payload.sub).toBe(s.user.id);
    expect(protectedHeader.typ).toBe('at+jwt');
    await expect(jwtVerify(s.accessToken, jwks, { issuer: 'https://someone-else.example.com' })).rejects.toThrow();
    await expect(jwtVerify(s.accessToken, jwks, { issuer: t.config.tokens.issuer, audience: 'another-api' })).rejects.toThrow();
  });

  it('serves /.well-known/openid-configuration with issuer, jwks_uri and signing algorithms', async () => {
    const res = await request(t.server).get('/.well-known/openid-configuration');

    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        issuer: t.config.tokens.issuer,
        jwks_uri: `${t.config.tokens.issuer}/.well-known/jwks.json`,
        id_token_signing_alg_values_supported: expect.arrayContaining(['ES256']),
      }),
    );
  });

  it('answers a missing token with 401 unauthorized and WWW-Authenticate: Bearer without an error', async () => {
    const res = await request(t.server).get('/v1/me');

    expectProblem(res, 401, 'unauthorized');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer\b/);
    expect(res.headers['www-authenticate']).not.toMatch(/error=/);
  });

  it('never accepts a token in the URL query', async () => {
    const s = await signup(t.server);

    const res = await request(t.server).get(`/v1/me?access_token=${encodeURIComponent(s.accessToken)}`);

    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers a garbage bearer token with 401 invalid_token', async () => {
    const res = await request(t.server).get('/v1/me').set('Authorization', 'Bearer not.a.jwt');

    expectProblem(res, 401, 'unauthorized');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
  });
});
