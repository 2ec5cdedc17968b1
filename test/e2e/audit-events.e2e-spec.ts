import request from 'supertest';
import { BEARER_MODE, bearer, dataSource, login, refreshWithToken, signup, strongPassword } from '../support/auth-factories';
import { attemptLogin, startThrottledApp, storedEvents } from '../support/abuse-helpers';
import type { TestApp } from '../support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UA = 'AuditTest/1.0 (events)';
const MAX_FAILURES = 3;

async function myEvents(t: TestApp, accessToken: string): Promise<any[]> {
  const res = await request(t.server).get('/v1/me/events?limit=100').set(bearer(accessToken)).expect(200);
  return res.body.items;
}

describe('security events of each action', () => {
  let t: TestApp;
  // Every secret any test here handled; none may appear anywhere in the stored events.
  const secrets = new Set<string>();
  beforeAll(async () => (t = await startThrottledApp({ maxFailures: MAX_FAILURES })));
  afterAll(() => t.close());

  async function newUser() {
    const s = await signup(t.server, { mode: 'bearer', userAgent: UA });
    const [{ password_hash }] = await dataSource(t).query('SELECT password_hash FROM users WHERE id = $1', [s.user.id]);
    [s.password, s.accessToken, s.refreshToken, password_hash].forEach((v) => secrets.add(v));
    return s;
  }

  it('records signup with the session, client IP, user agent and time', async () => {
    const s = await newUser();
    const [event] = await myEvents(t, s.accessToken);
    expect(event).toEqual({ id: expect.stringMatching(UUID), type: 'signup', createdAt: expect.any(String), ip: expect.any(String), userAgent: UA, sessionId: s.sessionId, actor: null });
    expect(new Date(event.createdAt).toISOString()).toBe(event.createdAt);
    const sessions = await request(t.server).get('/v1/me/sessions').set(bearer(s.accessToken)).expect(200);
    expect(event.ip).toBe(sessions.body.items[0].ip);
  });

  it('records a successful login with its new session', async () => {
    const s = await newUser();
    const again = await login(t.server, { email: s.email, password: s.password, mode: 'bearer', userAgent: UA });
    secrets.add(again.accessToken).add(again.refreshToken);
    const [event] = await myEvents(t, s.accessToken);
    expect(event).toMatchObject({ type: 'login_succeeded', sessionId: again.sessionId, userAgent: UA });
  });

  it('records failed logins and the lockout, without a session', async () => {
    const s = await newUser();
    const wrong = `${s.password}-wrong`;
    secrets.add(wrong);
    for (let i = 0; i < MAX_FAILURES + 2; i++) await attemptLogin(t.server, s.email, wrong, { 'User-Agent': UA });
    const types = (await myEvents(t, s.accessToken)).map((e) => e.type);
    expect(types).toEqual(['account_locked', ...Array(MAX_FAILURES).fill('login_failed'), 'signup']);
    const failed = (await myEvents(t, s.accessToken)).find((e) => e.type === 'login_failed');
    expect(failed).toMatchObject({ sessionId: null, userAgent: UA, ip: expect.any(String) });
  });

  it('records refresh-token reuse against the revoked session', async () => {
    const s = await newUser();
    const first = await refreshWithToken(t.server, s.refreshToken).expect(200);
    const second = await refreshWithToken(t.server, first.body.refreshToken).expect(200);
    secrets.add(first.body.refreshToken).add(second.body.refreshToken).add(first.body.accessToken).add(second.body.accessToken);
    await refreshWithToken(t.server, s.refreshToken).expect(401);
    const other = await login(t.server, { email: s.email, password: s.password, mode: 'bearer' });
    const events = await myEvents(t, other.accessToken);
    expect(events.find((e) => e.type === 'refresh_token_reused')).toMatchObject({ sessionId: s.sessionId });
  });

  it('records logout, session revocation, logout-all and a password change', async () => {
    const s = await newUser();
    const a = await login(t.server, { email: s.email, password: s.password, mode: 'bearer' });
    const b = await login(t.server, { email: s.email, password: s.password, mode: 'bearer' });
    const c = await login(t.server, { email: s.email, password: s.password, mode: 'bearer' });
    [a, b, c].forEach((x) => secrets.add(x.accessToken).add(x.refreshToken));
    await request(t.server).post('/v1/auth/logout').set(BEARER_MODE).send({ refreshToken: a.refreshToken }).expect(204);
    await request(t.server).delete(`/v1/me/sessions/${b.sessionId}`).set(bearer(s.accessToken)).expect(204);
    const newPassword = strongPassword();
    secrets.add(newPassword);
    await request(t.server).post('/v1/me/password').set(bearer(s.accessToken)).send({ currentPassword: s.password, newPassword }).expect(204);
    await request(t.server).post('/v1/auth/logout-all').set(bearer(s.accessToken)).expect(204);
    const d = await login(t.server, { email: s.email, password: newPassword, mode: 'bearer' });
    secrets.add(d.accessToken).add(d.refreshToken);
    const events = (await myEvents(t, d.accessToken)).map((e) => ({ type: e.type, sessionId: e.sessionId }));
    expect(events.slice(0, 5)).toEqual([
      { type: 'login_succeeded', sessionId: d.sessionId },
      { type: 'logout_all', sessionId: s.sessionId },
      { type: 'password_changed', sessionId: s.sessionId },
      { type: 'session_revoked', sessionId: b.sessionId },
      { type: 'logout', sessionId: a.sessionId },
    ]);
    // A second logout of an ended session changes nothing and records nothing.
    await request(t.server).post('/v1/auth/logout').set(BEARER_MODE).send({ refreshToken: a.refreshToken }).expect(204);
    expect((await myEvents(t, d.accessToken)).filter((e) => e.type === 'logout')).toHaveLength(1);
  });

  it('keeps an account_deleted event after the user is gone', async () => {
    const s = await newUser();
    await request(t.server).delete('/v1/me').set(bearer(s.accessToken)).send({ password: s.password }).expect(204);
    const types = (await storedEvents(t, s.user.id)).map((e) => e.type);
    expect(types).toEqual(['signup', 'account_deleted']);
  });

  it('records a failed login for an unknown email without a user', async () => {
    const before = (await storedEvents(t)).length;
    await attemptLogin(t.server, `nobody-${Date.now()}@example.com`, 'whatever-password-123');
    const after = await storedEvents(t);
    expect(after).toHaveLength(before + 1);
    expect(after[after.length - 1]).toMatchObject({ type: 'login_failed', user_id: null, detail: { reason: 'unknown_account' } });
  });

  // Last in the file: it checks every event the tests above caused.
  it('stores no password, token or hash anywhere in any event', async () => {
    const stored = JSON.stringify(await storedEvents(t));
    expect(secrets.size).toBeGreaterThan(20);
    expect([...secrets].filter((secret) => stored.includes(secret))).toEqual([]);
  });
});
