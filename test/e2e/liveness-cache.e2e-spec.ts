import request from 'supertest';
import { DatabaseNotifications, LISTENER_APPLICATION_NAME } from '@identsphere/database';
import { bearer, dataSource, expectProblem, signup, startAuthApp } from '../support/auth-factories';
import { eventually } from '../support/eventually';
import { metricSample } from '../support/metrics-sample';
import type { TestApp } from '../support/test-app';
import { describePg, withClient } from '../support/test-database';

// The staleness bound docs/deploy.md states for a connected listener: an announcement from another
// instance is heard within milliseconds; 100 ms leaves room for a loaded machine.
const CROSS_INSTANCE_BOUND_MS = 100;
const RECONNECT_MS = 15_000;

const LOOKUPS = 'identsphere_liveness_cache_lookups_total';
const lookups = (t: TestApp, result: string) => metricSample(t.server, LOOKUPS, { result });
const listening = (t: TestApp) => t.app.get(DatabaseNotifications).isListening;
const me = (t: TestApp, accessToken: string) => request(t.server).get('/v1/me').set(bearer(accessToken));

/** Polls `probe` every few milliseconds; fails when it is still false after `deadlineMs`. */
async function within(deadlineMs: number, probe: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = performance.now() + deadlineMs;
  while (!(await probe())) {
    if (performance.now() > deadline) throw new Error(`not within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Whether `t`'s cache still answers for the token: a check that only a cache hit (no database) increments. */
async function answeredFromCache(t: TestApp, accessToken: string): Promise<boolean> {
  const before = await lookups(t, 'hit');
  await me(t, accessToken).expect(200);
  return (await lookups(t, 'hit')) > before;
}

describe('the liveness cache on one instance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startAuthApp();
    await eventually(async () => listening(t), RECONNECT_MS, 20);
  });
  afterAll(() => t?.close());

  it('answers repeated requests of a live session from memory', async () => {
    const user = await signup(t.server);
    await me(t, user.accessToken).expect(200);
    expect(await answeredFromCache(t, user.accessToken)).toBe(true);
  });

  it('refuses at once a session revoked by any statement, even one the service did not write (a trigger announces it)', async () => {
    const user = await signup(t.server);
    await me(t, user.accessToken).expect(200);
    expect(await answeredFromCache(t, user.accessToken)).toBe(true);
    await dataSource(t).query(`UPDATE sessions SET revoked_at = now(), revoke_reason = 'admin' WHERE id = $1`, [user.sessionId]);
    expectProblem(await me(t, user.accessToken), 401, 'unauthorized');
  });

  it('refuses at once the tokens of an account disabled by hand', async () => {
    const user = await signup(t.server);
    expect(await answeredFromCache(t, user.accessToken)).toBe(false);
    expect(await answeredFromCache(t, user.accessToken)).toBe(true);
    await dataSource(t).query('UPDATE users SET disabled_at = now() WHERE id = $1', [user.user.id]);
    expectProblem(await me(t, user.accessToken), 401, 'unauthorized');
  });
});

// The embedded PGlite default is one process's single session: two instances cannot share it.
describePg('needs real PostgreSQL (TEST_DATABASE_URL): the liveness caches of two instances on one database', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startAuthApp({ listen: true });
    b = await startAuthApp({ db: a.db, listen: true });
    await eventually(async () => listening(a) && listening(b), RECONNECT_MS, 20);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  /** A user signed in on A whose session B has cached. */
  async function cachedOnB() {
    const user = await signup(a.baseUrl);
    await me(b, user.accessToken).expect(200);
    expect(await answeredFromCache(b, user.accessToken)).toBe(true);
    return user;
  }

  it(`refuses on B within ${CROSS_INSTANCE_BOUND_MS} ms a logout-all done on A`, async () => {
    const user = await cachedOnB();
    await request(a.baseUrl).post('/v1/auth/logout-all').set(bearer(user.accessToken)).expect(204);
    await within(CROSS_INSTANCE_BOUND_MS, async () => (await me(b, user.accessToken)).status === 401);
  });

  it('refuses on both instances an account disabled through a connection of neither', async () => {
    const user = await cachedOnB();
    await me(a, user.accessToken).expect(200);
    await withClient(a.db.url!, (c) => c.query('UPDATE users SET disabled_at = now() WHERE id = $1', [user.user.id]));
    await within(CROSS_INSTANCE_BOUND_MS, async () => (await me(b, user.accessToken)).status === 401);
    expectProblem(await me(a, user.accessToken), 401, 'unauthorized');
  });

  it('bypasses the cache while the listener connection is lost, so revocation stays instant, and uses it again once reconnected', async () => {
    const user = await cachedOnB();
    const terminated = await withClient(a.db.url!, (c) =>
      c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [LISTENER_APPLICATION_NAME]),
    );
    expect(terminated.rowCount).toBe(2);
    await eventually(async () => !listening(b), RECONNECT_MS, 5);

    // While B is deaf, its liveness answers come from the database: a revocation on A shows at once.
    const bypassedBefore = await lookups(b, 'bypass');
    await request(a.baseUrl).post('/v1/auth/logout-all').set(bearer(user.accessToken)).expect(204);
    expectProblem(await me(b, user.accessToken), 401, 'unauthorized');
    expect(await lookups(b, 'bypass')).toBeGreaterThan(bypassedBefore);

    await eventually(async () => listening(a) && listening(b), RECONNECT_MS, 20);
    expect(await metricSample(b.server, 'identsphere_liveness_listener_connected')).toBe(1);
    const next = await cachedOnB();
    await request(a.baseUrl).post('/v1/auth/logout-all').set(bearer(next.accessToken)).expect(204);
    await within(CROSS_INSTANCE_BOUND_MS, async () => (await me(b, next.accessToken)).status === 401);
  });
});
