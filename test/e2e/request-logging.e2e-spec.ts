import request from 'supertest';
import { AUTH_TEST_ENV, BEARER_MODE, bearer, CSRF_HEADER, signup } from '../support/auth-factories';
import { LogCapture } from '../support/log-capture';
import { startTestApp, TestApp } from '../support/test-app';

describe('request logging (JSON lines through pino)', () => {
  const logs = new LogCapture();
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ env: { ...AUTH_TEST_ENV, IDENTSPHERE_LOG_LEVEL: 'info' }, logDestination: logs })));
  afterAll(() => t.close());

  const linesFor = (requestId: string) => logs.requestLines().filter((l) => l.requestId === requestId);

  it('writes one line per request: method, route template, status, duration and request id', async () => {
    const res = await request(t.server).delete('/v1/me/sessions/0d6f1c0e-9d1b-4c41-a7f4-0c2f8a1f6b11').set('X-Request-Id', 'req-logging-1');
    const lines = linesFor('req-logging-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', method: 'DELETE', route: '/v1/me/sessions/:id', status: res.status, requestId: 'req-logging-1' });
    expect(typeof lines[0].durationMs).toBe('number');
    expect(typeof lines[0].time).toBe('string');
    expect(JSON.stringify(lines[0])).not.toContain('0d6f1c0e-9d1b-4c41-a7f4-0c2f8a1f6b11');
  });

  it('adds the user id once the access token has been verified', async () => {
    const user = await signup(t.server);
    await request(t.server).get('/v1/me').set(bearer(user.accessToken)).set('X-Request-Id', 'req-logging-me').expect(200);
    expect(linesFor('req-logging-me')[0]).toMatchObject({ route: '/v1/me', status: 200, userId: user.user.id });
    expect(linesFor(user.res.headers['x-request-id'])[0]).not.toHaveProperty('userId');
  });

  it('never writes passwords, tokens or cookies, whatever the request carried', async () => {
    const cookieUser = await signup(t.server);
    const bearerUser = await signup(t.server, { mode: 'bearer' });
    await request(t.server).post('/v1/auth/login').send({ email: cookieUser.email, password: cookieUser.password }).expect(200);
    await request(t.server).post('/v1/auth/login').send({ email: cookieUser.email, password: 'wrong-' + cookieUser.password }).expect(401);
    await request(t.server).post('/v1/auth/refresh').set('Cookie', cookieUser.cookieHeader).set(CSRF_HEADER).expect(200);
    await request(t.server).post('/v1/auth/refresh').set(BEARER_MODE).send({ refreshToken: bearerUser.refreshToken }).expect(200);
    await request(t.server).get('/v1/me').set(bearer(bearerUser.accessToken)).expect(200);
    await request(t.server).post('/v1/auth/login').set('Content-Type', 'application/json').send(`{"password":"${cookieUser.password}"`).expect(400);

    expect(logs.requestLines().length).toBeGreaterThanOrEqual(8);
    for (const secret of [cookieUser.password, cookieUser.accessToken, cookieUser.refreshToken, bearerUser.password, bearerUser.accessToken, bearerUser.refreshToken]) {
      expect(logs.raw).not.toContain(secret);
    }
  });
});

describe('IDENTSPHERE_LOG_LEVEL', () => {
  it('keeps request lines out of the log at level warn', async () => {
    const logs = new LogCapture();
    const t = await startTestApp({ env: { IDENTSPHERE_LOG_LEVEL: 'warn' }, logDestination: logs });
    try {
      await request(t.server).get('/health/live').expect(200);
      await request(t.server).get('/no-such-route').expect(404);
      expect(logs.requestLines()).toEqual([]);
      expect(logs.lines().every((l) => l.level === 'warn' || l.level === 'error' || l.level === 'fatal')).toBe(true);
    } finally {
      await t.close();
    }
  });
});
