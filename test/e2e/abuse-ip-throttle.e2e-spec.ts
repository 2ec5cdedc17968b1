import request from 'supertest';
import { PasswordHasher } from '@identsphere/crypto';
import { bearer, expectProblem, signup, strongPassword, uniqueEmail } from '../support/auth-factories';
import { attemptLogin, countPasswordChecks, retryAfterOf, startThrottledApp } from '../support/abuse-helpers';
import type { TestApp } from '../support/test-app';

const WRONG = 'definitely-not-the-password';

describe('per-IP login limit against password spraying', () => {
  const IP_MAX = 50;
  let t: TestApp;
  beforeAll(async () => (t = await startThrottledApp({ ipMaxAttempts: IP_MAX, ipWindowSeconds: 900 })));
  afterAll(() => t.close());

  it('stops one source spraying a password over 100 accounts at the IP limit, without hashing beyond it', async () => {
    const checks = countPasswordChecks(t);
    try {
      const statuses: number[] = [];
      let lastRefusal;
      for (let i = 0; i < 100; i++) {
        const res = await attemptLogin(t.server, uniqueEmail(`spray${i}`), 'Summer2025-Summer2025!');
        statuses.push(res.status);
        if (res.status === 429) lastRefusal = res;
      }
      expect(statuses.slice(0, IP_MAX).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(IP_MAX).every((s) => s === 429)).toBe(true);
      expectProblem(lastRefusal!, 429, 'rate_limited');
      expect(retryAfterOf(lastRefusal!)).toBeGreaterThan(0);
      expect(checks.count).toBe(IP_MAX);
    } finally {
      checks.restore();
    }
  });
});

describe('client IP with IDENTSPHERE_TRUST_PROXY_HOPS=0', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startThrottledApp({ ipMaxAttempts: 3 }, { env: { IDENTSPHERE_TRUST_PROXY_HOPS: '0' } })));
  afterAll(() => t.close());

  it('ignores a spoofed X-Forwarded-For: changing it does not escape the limit', async () => {
    for (let i = 0; i < 3; i++) expectProblem(await attemptLogin(t.server, uniqueEmail(), WRONG, { 'X-Forwarded-For': `198.51.100.${i}` }), 401, 'invalid_credentials');
    expectProblem(await attemptLogin(t.server, uniqueEmail(), WRONG, { 'X-Forwarded-For': '198.51.100.99' }), 429, 'rate_limited');
  });
});

describe('client IP with IDENTSPHERE_TRUST_PROXY_HOPS=1 (one load balancer in front)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startThrottledApp({ ipMaxAttempts: 3 }, { env: { IDENTSPHERE_TRUST_PROXY_HOPS: '1' } })));
  afterAll(() => t.close());

  it('uses the right-most address the proxy appended, not one the client wrote', async () => {
    const { email, password } = await signup(t.server);
    const login = await attemptLogin(t.server, email, password, { 'X-Forwarded-For': '6.6.6.6, 203.0.113.7', 'X-Auth-Mode': 'bearer' });
    expect(login.status).toBe(200);
    const sessions = await request(t.server).get('/v1/me/sessions').set(bearer(login.body.accessToken)).expect(200);
    expect(sessions.body.items.find((s: { current: boolean }) => s.current).ip).toBe('203.0.113.7');
  });

  it('counts per right-most address: a spoofed left part does not escape the limit, another client is unaffected', async () => {
    for (let i = 0; i < 3; i++) expectProblem(await attemptLogin(t.server, uniqueEmail(), WRONG, { 'X-Forwarded-For': `10.9.9.${i}, 203.0.113.20` }), 401, 'invalid_credentials');
    expectProblem(await attemptLogin(t.server, uniqueEmail(), WRONG, { 'X-Forwarded-For': '10.9.9.99, 203.0.113.20' }), 429, 'rate_limited');
    expectProblem(await attemptLogin(t.server, uniqueEmail(), WRONG, { 'X-Forwarded-For': '203.0.113.21' }), 401, 'invalid_credentials');
  });
});

describe('per-IP signup limit', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startThrottledApp({ ipMaxAttempts: 3 })));
  afterAll(() => t.close());

  it('answers 429 rate_limited with Retry-After once one source exceeds the limit, before hashing', async () => {
    for (let i = 0; i < 3; i++) await signup(t.server);
    const hashes = jest.spyOn(t.app.get(PasswordHasher), 'hash');
    try {
      const res = await request(t.server).post('/v1/auth/signup').send({ email: uniqueEmail(), password: strongPassword() });
      expectProblem(res, 429, 'rate_limited');
      expect(retryAfterOf(res)).toBeGreaterThan(0);
      expect(hashes).not.toHaveBeenCalled();
    } finally {
      hashes.mockRestore();
    }
  });

  it('keeps the signup and login counts apart', async () => {
    expectProblem(await attemptLogin(t.server, uniqueEmail(), WRONG), 401, 'invalid_credentials');
  });
});
