import { expectProblem, signup } from '../support/auth-factories';
import { attemptLogin, countPasswordChecks, endCurrentLocks, startThrottledApp } from '../support/abuse-helpers';
import type { TestApp } from '../support/test-app';
import { createTestDatabase, describePg } from '../support/test-database';

const MAX_FAILURES = 6;
const WRONG = 'definitely-not-the-password';

// Two instances of the service on one database, as behind a load balancer. Both listen on real ports so
// parallel requests are truly concurrent. Real PostgreSQL only (CI sets TEST_DATABASE_URL): the embedded
// PGlite default is one process's single session, so two instances cannot share it.
describePg('needs real PostgreSQL (TEST_DATABASE_URL): throttles shared by two instances on one database', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startThrottledApp({ maxFailures: MAX_FAILURES }, { listen: true });
    b = await startThrottledApp({ maxFailures: MAX_FAILURES }, { db: a.db, listen: true });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('locks at the global threshold when failures alternate between the instances, not at twice it', async () => {
    const { email, password } = await signup(a.baseUrl);
    for (let i = 0; i < MAX_FAILURES; i++) expectProblem(await attemptLogin(i % 2 ? b.baseUrl : a.baseUrl, email, WRONG), 401, 'invalid_credentials');
    expectProblem(await attemptLogin(a.baseUrl, email, WRONG), 429, 'rate_limited');
    expectProblem(await attemptLogin(b.baseUrl, email, password), 429, 'rate_limited');
  });

  it('lets 20 parallel wrong passwords verify at most the threshold, across both instances', async () => {
    const { email } = await signup(a.baseUrl);
    const checks = [countPasswordChecks(a), countPasswordChecks(b)];
    try {
      const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => attemptLogin(i % 2 ? b.baseUrl : a.baseUrl, email, WRONG)));
      const statuses = responses.map((r) => r.status);
      // The bound is exact: an attempt takes its slot in the streak atomically before hashing, so however
      // many run at once on however many instances, only MAX_FAILURES reach the hasher; the rest get 429.
      expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_FAILURES);
      expect(statuses.filter((s) => s === 429)).toHaveLength(20 - MAX_FAILURES);
      expect(checks[0].count + checks[1].count).toBe(MAX_FAILURES);
    } finally {
      checks.forEach((c) => c.restore());
    }
  });

  it('honours on one instance the lock that failures on the other one set, until it expires', async () => {
    const { email, password } = await signup(a.baseUrl);
    for (let i = 0; i < MAX_FAILURES; i++) await attemptLogin(a.baseUrl, email, WRONG);
    expectProblem(await attemptLogin(b.baseUrl, email, password), 429, 'rate_limited');
    await endCurrentLocks(b);
    expect((await attemptLogin(b.baseUrl, email, password)).status).toBe(200);
  });
});

describePg('needs real PostgreSQL (TEST_DATABASE_URL): the per-IP limit shared by two instances', () => {
  let a: TestApp;
  let b: TestApp;
  const IP_MAX = 8;
  beforeAll(async () => {
    a = await startThrottledApp({ ipMaxAttempts: IP_MAX }, { listen: true });
    b = await startThrottledApp({ ipMaxAttempts: IP_MAX }, { db: a.db, listen: true });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('counts attempts on both instances against one window', async () => {
    const emails = Array.from({ length: IP_MAX }, (_, i) => `spray-${i}-${Date.now()}@example.com`);
    for (const [i, email] of emails.entries()) expectProblem(await attemptLogin(i % 2 ? b.baseUrl : a.baseUrl, email, WRONG), 401, 'invalid_credentials');
    expectProblem(await attemptLogin(a.baseUrl, 'next@example.com', WRONG), 429, 'rate_limited');
    expectProblem(await attemptLogin(b.baseUrl, 'next@example.com', WRONG), 429, 'rate_limited');
  });
});

// Runs in both database modes: the next instance (a restart, a redeploy) inherits the lock from the database.
describe('throttle state kept in the database, not in an instance', () => {
  it('locks the account on an instance booted after another one recorded the failures', async () => {
    const db = await createTestDatabase();
    try {
      const first = await startThrottledApp({ maxFailures: MAX_FAILURES }, { db });
      const { email, password } = await signup(first.server);
      for (let i = 0; i < MAX_FAILURES; i++) await attemptLogin(first.server, email, WRONG);
      await first.close();
      const second = await startThrottledApp({ maxFailures: MAX_FAILURES }, { db });
      try {
        expectProblem(await attemptLogin(second.server, email, password), 429, 'rate_limited');
      } finally {
        await second.close();
      }
    } finally {
      await db.drop();
    }
  });
});
