import { AuditRetention } from '@identsphere/audit';
import request from 'supertest';
import { bearer, dataSource, signup, startAuthApp } from '../support/auth-factories';
import type { TestApp } from '../support/test-app';

describe('retention of security events', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp({ env: { IDENTSPHERE_AUDIT_RETENTION_DAYS: '30' } })));
  afterAll(() => t.close());

  const eventsOf = async (userId: string) =>
    (await dataSource(t).query('SELECT id FROM security_events WHERE user_id = $1', [userId])).map((r: { id: string }) => r.id);
  const backdate = (userId: string, days: number) =>
    dataSource(t).query(`UPDATE security_events SET created_at = now() - make_interval(days => $2) WHERE user_id = $1`, [userId, days]);

  it('deletes events older than the retention, keeps younger ones, and is harmless when two run at once', async () => {
    const old = await signup(t.server);
    const recent = await signup(t.server);
    await backdate(old.user.id, 31);
    await backdate(recent.user.id, 29);
    expect(await eventsOf(old.user.id)).not.toHaveLength(0);

    const retention = t.app.get(AuditRetention);
    const [first, second] = await Promise.all([retention.runOnce(), retention.runOnce()]);

    expect(first + second).toBeGreaterThanOrEqual(1);
    expect(await eventsOf(old.user.id)).toHaveLength(0);
    expect(await eventsOf(recent.user.id)).not.toHaveLength(0);
    const listed = await request(t.server).get('/v1/me/events').set(bearer(recent.accessToken)).expect(200);
    expect(listed.body.items.map((e: { type: string }) => e.type)).toContain('signup');
    expect(await retention.runOnce()).toBe(0);
  });

  it('also empties a log whose every event is past the retention', async () => {
    const only = await signup(t.server);
    await dataSource(t).query(`UPDATE security_events SET created_at = now() - make_interval(days => 40)`);
    await t.app.get(AuditRetention).runOnce();
    expect(await eventsOf(only.user.id)).toHaveLength(0);
    expect(Number((await dataSource(t).query('SELECT count(*) AS n FROM security_events'))[0].n)).toBe(0);
  });
});
