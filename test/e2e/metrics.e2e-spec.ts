import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { ConfigError, loadConfig } from '@identsphere/config';
import { AUTH_TEST_ENV, bearer, expectProblem, signup } from '../support/auth-factories';
import { parsePrometheusText, valueOf } from '../support/prometheus-text';
import { startTestApp, TestApp } from '../support/test-app';

describe('GET /metrics', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ env: AUTH_TEST_ENV })));
  afterAll(() => t.close());

  const scrape = async () => {
    const res = await request(t.server).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return { text: res.text, metrics: parsePrometheusText(res.text) };
  };

  it('serves Prometheus text with process, HTTP, auth, password-hash, pool and event-loop metrics', async () => {
    const { metrics } = await scrape();
    for (const family of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      'identsphere_http_request_duration_seconds',
      'identsphere_logins_total',
      'identsphere_refreshes_total',
      'identsphere_password_hash_duration_seconds',
      'identsphere_hash_gate_in_flight',
      'identsphere_hash_gate_queued',
      'identsphere_hash_gate_rejected_total',
      'identsphere_db_pool_connections',
      'identsphere_db_pool_waiting',
      'identsphere_db_pool_max',
      'identsphere_db_connected',
    ]) {
      expect([family, metrics.types.has(family)]).toEqual([family, true]);
    }
    expect(valueOf(metrics, 'identsphere_db_connected')).toBe(1);
    expect(valueOf(metrics, 'identsphere_db_pool_max')).toBeGreaterThan(0);
    expect(valueOf(metrics, 'identsphere_db_pool_waiting')).toBe(0);
  });

  it('moves the login, HTTP and password-hash series when logins happen', async () => {
    const user = await signup(t.server);
    const before = (await scrape()).metrics;

    await request(t.server).post('/v1/auth/login').send({ email: user.email, password: user.password }).expect(200);
    await request(t.server).post('/v1/auth/login').send({ email: user.email, password: `${user.password}-wrong` }).expect(401);
    const after = (await scrape()).metrics;

    const delta = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('identsphere_logins_total', { outcome: 'success' })).toBe(1);
    expect(delta('identsphere_logins_total', { outcome: 'invalid' })).toBe(1);
    expect(delta('identsphere_http_request_duration_seconds_count', { method: 'POST', route: '/v1/auth/login', status: '200' })).toBe(1);
    expect(delta('identsphere_http_request_duration_seconds_count', { method: 'POST', route: '/v1/auth/login', status: '401' })).toBe(1);
    expect(delta('identsphere_password_hash_duration_seconds_count', { operation: 'verify' })).toBeGreaterThanOrEqual(2);
  });

  it('labels requests by route template, never by raw URL, user id or email', async () => {
    const user = await signup(t.server);
    const sessionId = randomUUID();
    const probe = `/no-such-${randomBytes(6).toString('hex')}`;
    await request(t.server).delete(`/v1/me/sessions/${sessionId}`).set(bearer(user.accessToken)).expect(404);
    await request(t.server).get(probe).expect(404);

    const { text, metrics } = await scrape();
    expect(valueOf(metrics, 'identsphere_http_request_duration_seconds_count', { method: 'DELETE', route: '/v1/me/sessions/:id', status: '404' })).toBe(1);
    expect(valueOf(metrics, 'identsphere_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    for (const secret of [sessionId, probe, user.email, user.user.id]) expect(text).not.toContain(secret);
  });
});

describe('GET /metrics with IDENTSPHERE_METRICS_TOKEN', () => {
  const token = randomBytes(24).toString('base64url');
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ env: { IDENTSPHERE_METRICS_TOKEN: token } })));
  afterAll(() => t.close());

  it('refuses a scrape without the bearer token', async () => {
    const res = await request(t.server).get('/metrics');
    expectProblem(res, 401, 'unauthorized');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('refuses a wrong token', async () => {
    const res = await request(t.server).get('/metrics').set('Authorization', `Bearer ${token}x`);
    expectProblem(res, 401, 'unauthorized');
    expect(res.headers['www-authenticate']).toMatch(/invalid_token/);
  });

  it('serves the metrics for the right token, whatever the case of the scheme', async () => {
    const res = await request(t.server).get('/metrics').set('Authorization', `bearer ${token}`).expect(200);
    expect(parsePrometheusText(res.text).types.has('identsphere_http_request_duration_seconds')).toBe(true);
  });
});

describe('/metrics protection in production', () => {
  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://unused@127.0.0.1:1/none',
    IDENTSPHERE_JWT_SECRET: randomBytes(48).toString('base64'),
    IDENTSPHERE_PUBLIC_BASE_URL: 'https://auth.example.com',
    IDENTSPHERE_COOKIES_SECURE: 'true',
    IDENTSPHERE_MAIL_DISABLED: 'true',
  };
  const bootProblems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      return error instanceof ConfigError ? error.problems.map((p) => p.variable) : ['unexpected error'];
    }
  };

  it('refuses to boot without IDENTSPHERE_METRICS_TOKEN, naming it', () => {
    expect(bootProblems(production)).toEqual(['IDENTSPHERE_METRICS_TOKEN']);
  });

  it('boots with a metrics token, or with the metrics explicitly declared public', () => {
    expect(bootProblems({ ...production, IDENTSPHERE_METRICS_TOKEN: randomBytes(24).toString('base64url') })).toEqual([]);
    expect(bootProblems({ ...production, IDENTSPHERE_METRICS_PUBLIC: 'true' })).toEqual([]);
  });
});
