import request from 'supertest';
import { countPasswordChecks, retryAfterOf, startThrottledApp } from '../support/abuse-helpers';
import { bearer, signup, strongPassword } from '../support/auth-factories';
import { TestApp } from '../support/test-app';

const LIMIT = 3;
const CONCURRENT = 12;

describe('password confirmation under concurrent wrong passwords', () => {
  let t: TestApp;
  // The production hash cost: with a cheap hash the requests hardly overlap and a check-then-count race hides.
  const productionHashCost = { IDENTSPHERE_ARGON2_MEMORY_KIB: '19456', IDENTSPHERE_ARGON2_ITERATIONS: '2' };
  beforeAll(async () => (t = await startThrottledApp({ maxFailures: LIMIT }, { listen: true, env: productionHashCost })));
  afterAll(() => t.close());

  it('spends at most the failure limit on hash checks; the rest answer 429 rate_limited with Retry-After', async () => {
    const s = await signup(t.baseUrl);
    const checks = countPasswordChecks(t);
    try {
      const attempt = () => request(t.baseUrl).post('/v1/me/password').set(bearer(s.accessToken)).send({ currentPassword: `${s.password}-wrong`, newPassword: strongPassword() });
      const answers = await Promise.all(Array.from({ length: CONCURRENT }, attempt));

      const statuses = answers.map((res) => res.status).sort();
      expect(checks.count).toBeLessThanOrEqual(LIMIT);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LIMIT);
      expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
      for (const res of answers.filter((r) => r.status === 429)) {
        expect(res.body.code).toBe('rate_limited');
        expect(retryAfterOf(res)).toBeGreaterThan(0);
      }
    } finally {
      checks.restore();
    }
  });

  it('lets the right password through within the limit, and a success forgets the streak', async () => {
    const s = await signup(t.baseUrl);
    const change = (currentPassword: string, newPassword = strongPassword()) =>
      request(t.baseUrl).post('/v1/me/password').set(bearer(s.accessToken)).send({ currentPassword, newPassword });
    for (let i = 0; i < LIMIT - 1; i++) await change(`${s.password}-wrong`).expect(401);
    const next = strongPassword();
    await change(s.password, next).expect(204);
    for (let i = 0; i < LIMIT; i++) await change(`${next}-wrong`).expect(401);
    await change(`${next}-wrong`).expect(429);
  });
});
