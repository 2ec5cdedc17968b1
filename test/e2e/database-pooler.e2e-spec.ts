import request from 'supertest';
import { DataSource } from 'typeorm';
import { AUTH_TEST_ENV, BEARER_MODE, bearer, login, refreshWithToken, signup } from '../support/auth-factories';
import { hasPgBouncer, PgBouncer, startPgBouncer } from '../support/pgbouncer';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase, usingRealPostgres } from '../support/test-database';

const describeBehindPooler = usingRealPostgres() && hasPgBouncer ? describe : describe.skip;

/**
 * A fleet usually reaches PostgreSQL through a transaction-pooling PgBouncer (or RDS Proxy, Cloud SQL's and
 * Azure's poolers): no startup parameters beyond the stock ones, no session state between transactions.
 */
describeBehindPooler('needs real PostgreSQL (TEST_DATABASE_URL) and PgBouncer (Debian package pgbouncer): behind a transaction pooler', () => {
  let pooler: PgBouncer;
  let db: TestDatabase;
  const apps: TestApp[] = [];
  const boot = (env: Record<string, string>) => startTestApp({ db, env: { ...AUTH_TEST_ENV, ...env } }).then((t) => (apps.push(t), t));
  beforeAll(async () => (pooler = await startPgBouncer(process.env.TEST_DATABASE_URL!)));
  beforeEach(async () => (db = await createTestDatabase()));
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((t) => t.close()));
    await db.drop();
  });
  afterAll(() => pooler?.stop());

  it('boots, migrates on the direct URL and serves sign-up, login, refresh and /v1/me through the pooler', async () => {
    const t = await boot({ DATABASE_URL: pooler.pooled(db.url!), IDENTSPHERE_MIGRATIONS_DATABASE_URL: db.url! });
    const account = await signup(t.server, { mode: 'bearer' });
    const session = await login(t.server, { email: account.email, password: account.password, mode: 'bearer' });
    const refreshed = await refreshWithToken(t.server, session.refreshToken).expect(200);
    await request(t.server).get('/v1/me').set(bearer(refreshed.body.accessToken)).expect(200);
    await request(t.server).get('/health').expect(200);
  });

  it('still cancels a slow statement server-side: the timeout is the role default, not a startup parameter', async () => {
    const t = await boot({ DATABASE_URL: pooler.pooled(db.url!), IDENTSPHERE_MIGRATIONS_DATABASE_URL: db.url! });
    const pooled = t.app.get(DataSource);
    expect(await pooled.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '1250ms' }]);
    // 57014 query_canceled comes only from the server (the client-side read timeout is longer and has no code).
    await expect(pooled.query('SELECT pg_sleep(3)')).rejects.toMatchObject({ code: '57014' });
    await request(t.server).post('/v1/auth/login').set(BEARER_MODE).send({ email: 'nobody@example.com', password: 'x'.repeat(12) }).expect(401);
  });

  it('migrates a fresh database once when instances boot together with only the pooled URL (transaction-scoped lock)', async () => {
    const [a] = await Promise.all([0, 1, 2].map(() => boot({ DATABASE_URL: pooler.pooled(db.url!) })));
    const rows = await a.app.get(DataSource).query('SELECT name, count(*)::int AS n FROM schema_migrations GROUP BY name HAVING count(*) > 1');
    expect(rows).toEqual([]);
    await signup(a.server, { mode: 'bearer' });
  });
});
