import request from 'supertest';
import { BEARER_MODE, bearer, disableUser, signup, startAuthApp } from '../support/auth-factories';
import { startTestApp, TestApp } from '../support/test-app';
import { enrolTotp, pinTotpClock } from '../support/mfa-factories';
import { statementsDuring } from '../support/query-counter';

/**
 * The PostgreSQL round trips of the hot paths, pinned as counts (docs/sizing.md): each one costs event-loop
 * and database CPU, so a login storm's goodput depends on them. A count, not a timing: stable on any machine.
 * The budgets (issue 15): a successful login at most 3, a failed one at most 2; we are at 2, 2 and 1.
 */
describe('round trips to PostgreSQL per login and refresh', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  const loginStatements = async (email: string, password: string, expectedStatus: number) => {
    let status = 0;
    const statements = await statementsDuring(async () => {
      status = (await request(t.server).post('/v1/auth/login').set(BEARER_MODE).send({ email, password })).status;
    });
    expect(status).toBe(expectedStatus);
    return statements;
  };

  it('a successful login: 2 statements (admission; session + audit row + streak reset)', async () => {
    const s = await signup(t.server);
    expect(await loginStatements(s.email, s.password, 200)).toHaveLength(2);
  });

  it('a failed login: 2 statements (admission; failure + audit row), for a known and an unknown email alike', async () => {
    const s = await signup(t.server);
    expect(await loginStatements(s.email, `${s.password}-wrong`, 401)).toHaveLength(2);
    expect(await loginStatements(`nobody-${s.email}`, s.password, 401)).toHaveLength(2);
  });

  it('a correct password on a disabled account: 2 statements', async () => {
    const s = await signup(t.server);
    await disableUser(t, s.user.id);
    expect(await loginStatements(s.email, s.password, 403)).toHaveLength(2);
  });

  it('a password step that needs a second factor: 2 statements (admission; challenge + streak reset)', async () => {
    const clock = pinTotpClock(t);
    const s = await signup(t.server, { mode: 'bearer' });
    await enrolTotp(t.server, s.accessToken, clock.now());
    expect(await loginStatements(s.email, s.password, 200)).toHaveLength(2);
  });

  it('a refresh: 1 statement (rotation reading the owner and their second factors)', async () => {
    const s = await signup(t.server, { mode: 'bearer' });
    let body: Record<string, unknown> = {};
    const statements = await statementsDuring(async () => {
      const res = await request(t.server).post('/v1/auth/refresh').set(BEARER_MODE).send({ refreshToken: s.refreshToken });
      expect(res.status).toBe(200);
      body = res.body;
    });
    expect(statements).toHaveLength(1);
    const me = await request(t.server).get('/v1/me').set(bearer(body.accessToken as string));
    expect(me.status).toBe(200);
  });

  it('GET /v1/me: 1 statement once the session is in the liveness cache (account, factors and identities together)', async () => {
    const s = await signup(t.server, { mode: 'bearer' });
    await request(t.server).get('/v1/me').set(bearer(s.accessToken)).expect(200);
    const statements = await statementsDuring(async () => {
      const res = await request(t.server).get('/v1/me').set(bearer(s.accessToken));
      expect(res.body).toMatchObject({ id: s.user.id, mfaEnabled: false, identities: [] });
    });
    expect(statements).toHaveLength(1);
  });
});

describe('round trips of a throttled login', () => {
  it('a login refused by the IP window: 1 statement', async () => {
    const t = await startTestApp({ env: { IDENTSPHERE_IP_MAX_ATTEMPTS: '1', IDENTSPHERE_HASH_QUEUE_MAX: '1000' } });
    try {
      const s = await signup(t.server);
      expect((await request(t.server).post('/v1/auth/login').send({ email: s.email, password: 'wrong-password-1' })).status).toBe(401);
      let status = 0;
      const statements = await statementsDuring(async () => {
        status = (await request(t.server).post('/v1/auth/login').send({ email: s.email, password: s.password })).status;
      });
      expect(status).toBe(429);
      expect(statements).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
