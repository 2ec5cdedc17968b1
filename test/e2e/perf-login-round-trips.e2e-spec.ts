import request from 'supertest';
import { TestApp } from '../support/test-app';
import { BEARER_MODE, signup, startAuthApp } from '../support/auth-factories';
import { statementsDuring } from '../support/query-counter';

/**
 * The PostgreSQL round trips of the hot paths, pinned as counts (docs/sizing.md): each one costs event-loop
 * and database CPU, so a login storm's goodput depends on them. A count, not a timing: stable on any machine.
 */
describe('round trips to PostgreSQL per login and refresh', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  it('a successful login: at most 3 statements, audit and throttle bookkeeping included', async () => {
    const s = await signup(t.server);
    let status = 0;
    const statements = await statementsDuring(async () => {
      status = (await request(t.server).post('/v1/auth/login').set(BEARER_MODE).send({ email: s.email, password: s.password })).status;
    });
    expect(status).toBe(200);
    expect(statements.length).toBeLessThanOrEqual(3);
  });

  it('a failed login: at most 2 statements', async () => {
    const s = await signup(t.server);
    let status = 0;
    const statements = await statementsDuring(async () => {
      status = (await request(t.server).post('/v1/auth/login').send({ email: s.email, password: `${s.password}-wrong` })).status;
    });
    expect(status).toBe(401);
    expect(statements.length).toBeLessThanOrEqual(2);
  });

  it('a refresh: one statement', async () => {
    const s = await signup(t.server, { mode: 'bearer' });
    let status = 0;
    const statements = await statementsDuring(async () => {
      status = (await request(t.server).post('/v1/auth/refresh').set(BEARER_MODE).send({ refreshToken: s.refreshToken })).status;
    });
    expect(status).toBe(200);
    expect(statements.length).toBeLessThanOrEqual(1);
  });
});
