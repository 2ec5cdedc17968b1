import { randomUUID } from 'node:crypto';
import { DatabaseNotifications, TransactionHost } from '@identsphere/database';
import { SessionsService } from '@identsphere/sessions';
import { UsersRepository } from '@identsphere/users';
import { dataSource } from '../support/auth-factories';
import { eventually } from '../support/eventually';
import { metricSample } from '../support/metrics-sample';
import { startTestApp, TestApp } from '../support/test-app';

const client = { ip: '127.0.0.1', userAgent: 'jest' };

/** SessionsService.isLive through the liveness cache, against the database's triggers (migration 1764470000100). */
describe('session liveness cache on the database', () => {
  let t: TestApp;
  let sessions: SessionsService;
  let users: UsersRepository;
  beforeAll(async () => {
    t = await startTestApp();
    sessions = t.app.get(SessionsService);
    users = t.app.get(UsersRepository);
    await eventually(async () => t.app.get(DatabaseNotifications).isListening, 15_000, 20);
  });
  afterAll(() => t.close());

  const hits = () => metricSample(t.server, 'identsphere_liveness_cache_lookups_total', { result: 'hit' });
  const cachedSession = async () => {
    const user = await users.create({ email: `live-${randomUUID()}@example.com`, passwordHash: 'x', displayName: null });
    const { session } = await sessions.start(user.id, client, ['pwd']);
    expect(await sessions.isLive(session.id, user.id)).toBe(true);
    const before = await hits();
    expect(await sessions.isLive(session.id, user.id)).toBe(true);
    expect(await hits()).toBe(before + 1);
    return session;
  };

  it('forgets a session revoked inside a transaction as soon as the revoking statement ran', async () => {
    const session = await cachedSession();
    await t.app.get(TransactionHost).run(async () => {
      await sessions.revokeAll(session.userId, 'logout_all');
      expect(await sessions.isLive(session.id, session.userId)).toBe(false);
    });
    expect(await sessions.isLive(session.id, session.userId)).toBe(false);
  });

  it('forgets the sessions of an account whose temporary disable is set, and of one deleted', async () => {
    const disabled = await cachedSession();
    await dataSource(t).query(`UPDATE users SET disabled_at = now(), disabled_until = now() + interval '1 hour' WHERE id = $1`, [disabled.userId]);
    expect(await sessions.isLive(disabled.id, disabled.userId)).toBe(false);
    const deleted = await cachedSession();
    await dataSource(t).query('DELETE FROM users WHERE id = $1', [deleted.userId]);
    expect(await sessions.isLive(deleted.id, deleted.userId)).toBe(false);
  });

  it('does not keep a session past its end: an aged session is refused at once', async () => {
    const session = await cachedSession();
    await dataSource(t).query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [session.id]);
    expect(await sessions.isLive(session.id, session.userId)).toBe(false);
  });

  it('keeps caching across a refresh (the rotating UPDATE announces nothing)', async () => {
    const user = await users.create({ email: `live-${randomUUID()}@example.com`, passwordHash: 'x', displayName: null });
    const issued = await sessions.start(user.id, client, ['pwd']);
    expect(await sessions.isLive(issued.session.id, user.id)).toBe(true);
    expect((await sessions.rotate(issued.refreshToken, client)).kind).toBe('rotated');
    const before = await hits();
    expect(await sessions.isLive(issued.session.id, user.id)).toBe(true);
    expect(await hits()).toBe(before + 1);
  });
});
