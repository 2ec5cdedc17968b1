import request from 'supertest';
import { TestApp } from '../support/test-app';
import { expectProblem, signup, startAuthApp, uniqueEmail } from '../support/auth-factories';

describe('password-hash admission gate under a login storm', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await startAuthApp({
        listen: true,
        env: { IDENTSPHERE_HASH_CONCURRENCY: '1', IDENTSPHERE_HASH_QUEUE_MAX: '0' },
      })),
  );
  afterAll(() => t.close());

  it('answers the overflow with 503 overloaded and Retry-After, the rest with 200 or 401, never 500', async () => {
    const s = await signup(t.baseUrl);

    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        request(t.baseUrl)
          .post('/v1/auth/login')
          .send({ email: s.email, password: i % 2 ? s.password : `${s.password}-wrong` }),
      ),
    );

    const overloaded = results.filter((r) => r.status === 503);
    expect(overloaded.length).toBeGreaterThan(0);
    for (const r of overloaded) {
      expectProblem(r, 503, 'overloaded');
      expect(r.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    }
    for (const r of results.filter((x) => x.status !== 503)) {
      expect([200, 401]).toContain(r.status);
      if (r.status === 401) expectProblem(r, 401, 'invalid_credentials');
    }
  });

  it('keeps answering /health and refresh during the storm', async () => {
    const s = await signup(t.baseUrl, { mode: 'bearer' });
    const storm = Array.from({ length: 12 }, () => request(t.baseUrl).post('/v1/auth/login').send({ email: s.email, password: s.password }));

    const [health, refresh] = await Promise.all([
      request(t.baseUrl).get('/health'),
      request(t.baseUrl).post('/v1/auth/refresh').set('X-Auth-Mode', 'bearer').send({ refreshToken: s.refreshToken }),
      ...storm,
    ]);

    expect(health.status).toBe(200);
    expect(refresh.status).toBe(200);
  });

  it('refuses an over-long signup password as weak_password, not overloaded, while the gate is full', async () => {
    const s = await signup(t.baseUrl);
    const overLong = 'bkt4dnw6gqz9js3cmv5fpx7hr2'.repeat(10).slice(0, 257) + 'q';
    const storm = Array.from({ length: 12 }, () => request(t.baseUrl).post('/v1/auth/login').send({ email: s.email, password: s.password }));
    const overLongSignups = Array.from({ length: 3 }, () => request(t.baseUrl).post('/v1/auth/signup').send({ email: uniqueEmail(), password: overLong }));

    const [stormResults, signupResults] = await Promise.all([Promise.all(storm), Promise.all(overLongSignups)]);

    expect(stormResults.some((r) => r.status === 503)).toBe(true);
    for (const r of signupResults) {
      expectProblem(r, 400, 'weak_password');
      expect(r.body.errors).toEqual([expect.objectContaining({ field: 'password', rule: 'too_long' })]);
    }
  });

  it('admits logins again once the storm is over', async () => {
    const s = await signup(t.baseUrl);

    const res = await request(t.baseUrl).post('/v1/auth/login').send({ email: s.email, password: s.password });

    expect(res.status).toBe(200);
  });
});
