import request, { Response } from 'supertest';
import { expectProblem } from '../support/auth-factories';
import { startTestApp, TestApp } from '../support/test-app';

const ALLOWED = 'https://app.example.com';
const STRANGER = 'https://evil.example';

const allowHeaders = (res: Response) => Object.keys(res.headers).filter((name) => name.startsWith('access-control-allow-'));
const varyOf = (res: Response) => String(res.headers.vary ?? '').split(',').map((v) => v.trim().toLowerCase());

describe('CORS refusals and caching', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ env: { IDENTSPHERE_CORS_ORIGINS: ALLOWED } })));
  afterAll(() => t.close());

  const preflight = (origin: string, path = '/v1/auth/login') =>
    request(t.server).options(path).set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'content-type');

  it('answers a preflight from an unlisted origin as a CORS refusal, not as a missing route', async () => {
    for (const path of ['/v1/auth/login', '/v1/me', '/.well-known/jwks.json']) {
      const res = await preflight(STRANGER, path);
      expect([204, 403]).toContain(res.status);
      expect(allowHeaders(res)).toEqual([]);
      expect(varyOf(res)).toContain('origin');
    }
  });

  it('still answers a preflight from a listed origin with the CORS grant', async () => {
    const res = await preflight(ALLOWED);
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
  });

  it.each([
    ['no Origin', undefined],
    ['an unlisted Origin', STRANGER],
    ['a listed Origin', ALLOWED],
  ])('marks every response as varying by Origin, with %s', async (_name, origin) => {
    const requests = {
      jwks: () => request(t.server).get('/.well-known/jwks.json'),
      discovery: () => request(t.server).get('/.well-known/openid-configuration'),
      unauthorized: () => request(t.server).get('/v1/me'),
      login: () => request(t.server).post('/v1/auth/login').send({ email: 'nobody@example.com', password: 'not-the-password-at-all' }),
      notFound: () => request(t.server).get('/v1/no-such-route'),
      liveness: () => request(t.server).get('/health/live'),
    };
    for (const [name, build] of Object.entries(requests)) {
      const res = await (origin ? build().set('Origin', origin) : build());
      expect({ name, vary: varyOf(res) }).toEqual({ name, vary: expect.arrayContaining(['origin']) });
    }
  });

  it('lets a listed origin read the refusals of the body parser', async () => {
    const res = await request(t.server).post('/v1/auth/login').set('Origin', ALLOWED).set('Content-Type', 'application/json').send('{"email":');
    expectProblem(res, 400, 'malformed_json');
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
  });
});
