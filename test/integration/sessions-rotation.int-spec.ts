import { randomUUID } from 'node:crypto';
import { SessionsService } from '@identsphere/sessions';
import { UsersRepository } from '@identsphere/users';
import { startTestApp, TestApp } from '../support/test-app';
import { itPg } from '../support/test-database';

const client = { ip: '127.0.0.1', userAgent: 'jest' };

describe('SessionsService rotation on PostgreSQL', () => {
  let t: TestApp;
  let sessions: SessionsService;
  let users: UsersRepository;
  beforeAll(async () => {
    t = await startTestApp({ env: { IDENTSPHERE_REFRESH_GRACE: '2' } });
    sessions = t.app.get(SessionsService);
    users = t.app.get(UsersRepository);
  });
  afterAll(() => t.close());

  const newSession = async () => {
    const user = await users.create({ email: `rot-${randomUUID()}@example.com`, passwordHash: 'x', displayName: null });
    return sessions.start(user.id, client, ['pwd']);
  };

  // The embedded pool has one connection, so there the rotations would run one after another.
  itPg('needs real PostgreSQL (TEST_DATABASE_URL): lets exactly one of many concurrent rotations of one token win; the rest get its successor', async () => {
    const { refreshToken } = await newSession();
    const results = await Promise.all(Array.from({ length: 10 }, () => sessions.rotate(refreshToken, client)));
    const kinds = results.map((r) => r.kind).sort();
    expect(kinds.filter((k) => k === 'rotated')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'grace')).toHaveLength(9);
    const successors = new Set(results.map((r) => ('refreshToken' in r ? r.refreshToken : null)));
    expect(successors.size).toBe(1);
  });

  it('revokes the session when a token two rotations old comes back', async () => {
    const first = await newSession();
    const second = await sessions.rotate(first.refreshToken, client);
    if (second.kind !== 'rotated') throw new Error('expected a rotation');
    await sessions.rotate(second.refreshToken, client);
    expect((await sessions.rotate(first.refreshToken, client)).kind).toBe('reused');
    expect(await sessions.isLive(first.session.id, first.session.userId)).toBe(false);
    expect((await sessions.rotate(second.refreshToken, client)).kind).toBe('revoked');
  });

  it('treats a forged token as invalid without touching the session', async () => {
    const { session, refreshToken } = await newSession();
    const forged = refreshToken.slice(0, -4) + 'AAAA';
    expect((await sessions.rotate(forged, client)).kind).toBe('invalid');
    expect(await sessions.isLive(session.id, session.userId)).toBe(true);
  });
});
