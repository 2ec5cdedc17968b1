import request, { Response } from 'supertest';
import { TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { bearer, expectProblem, signup, startAuthApp } from '../support/auth-factories';
import { partsOf } from '../support/jwt-forge';

function expectInvalidToken(res: Response): void {
  expectProblem(res, 401, 'unauthorized');
  expect(res.headers['www-authenticate']).toMatch(/^Bearer\b.*error="invalid_token"/);
}

/**
 * App instances booted one after another on one database (a restart, a redeploy with other settings).
 * One at a time, because the embedded PGlite default is single-process.
 */
describe('signing keys shared through the database', () => {
  let db: TestDatabase;
  const running: TestApp[] = [];
  const boot = async (env: Record<string, string> = {}) => {
    const app = await startAuthApp({ db, env });
    running.push(app);
    return app;
  };
  const stop = async (app: TestApp) => {
    running.splice(running.indexOf(app), 1);
    await app.close();
  };

  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(async () => {
    for (const app of running.splice(0)) await app.close();
    await db.drop();
  });

  it('still accepts a token from before an app restart on the same database', async () => {
    const first = await boot();
    const s = await signup(first.server);
    const kid = partsOf(s.accessToken).header.kid;
    await stop(first);

    const second = await boot();

    expect((await request(second.server).get('/v1/me').set(bearer(s.accessToken))).status).toBe(200);
    const jwks = (await request(second.server).get('/.well-known/jwks.json')).body;
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(kid);
    await stop(second);
  });

  it('refuses, on an instance with another issuer, a genuinely signed token (wrong iss)', async () => {
    const a = await boot();
    const s = await signup(a.server);
    await stop(a);
    const other = await boot({ IDENTSPHERE_PUBLIC_BASE_URL: 'https://other-issuer.example.com', IDENTSPHERE_JWT_AUDIENCE: a.config.tokens.audience });
    expect(other.config.tokens.audience).toBe(a.config.tokens.audience);

    expectInvalidToken(await request(other.server).get('/v1/me').set(bearer(s.accessToken)));
    await stop(other);
  });

  it('refuses, on an instance with another audience, a genuinely signed token (wrong aud)', async () => {
    const a = await boot();
    const s = await signup(a.server);
    await stop(a);
    const other = await boot({ IDENTSPHERE_JWT_AUDIENCE: 'https://another-api.example.com' });
    expect(other.config.tokens.issuer).toBe(a.config.tokens.issuer);

    expectInvalidToken(await request(other.server).get('/v1/me').set(bearer(s.accessToken)));
    await stop(other);
  });
});
