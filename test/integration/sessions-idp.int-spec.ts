import { randomUUID } from 'node:crypto';
import { SessionsService } from '@identsphere/sessions';
import { UsersRepository } from '@identsphere/users';
import { startTestApp, TestApp } from '../support/test-app';

const client = { ip: '127.0.0.1', userAgent: 'jest' };

/** Sessions bound to a provider session (SSO), and their revocation by back-channel logout. */
describe('SessionsService: sessions bound to an identity provider', () => {
  let t: TestApp;
  let sessions: SessionsService;
  let users: UsersRepository;
  beforeAll(async () => {
    t = await startTestApp();
    sessions = t.app.get(SessionsService);
    users = t.app.get(UsersRepository);
  });
  afterAll(() => t.close());

  const newUser = () => users.create({ email: `idp-${randomUUID()}@example.com`, passwordHash: 'x', displayName: null });
  const ssoSession = async (userId: string, providerId: string, sid: string | null) => {
    const { session } = await sessions.start(userId, client, ['fed']);
    await sessions.attachIdp(session.id, providerId, sid);
    return session.id;
  };
  const live = async (userId: string, ids: string[]) => (await sessions.list(userId)).map((s) => s.id).filter((id) => ids.includes(id)).sort();

  it('records the provider and its session id on the session', async () => {
    const user = await newUser();
    const id = await ssoSession(user.id, 'acme', 'op-sid-1');
    expect((await sessions.list(user.id)).find((s) => s.id === id)).toMatchObject({ idpProviderId: 'acme', idpSid: 'op-sid-1' });
    const { session: local } = await sessions.start(user.id, client, ['pwd']);
    expect((await sessions.list(user.id)).find((s) => s.id === local.id)).toMatchObject({ idpProviderId: null, idpSid: null });
  });

  it('refuses to bind an unknown session', async () => {
    await expect(sessions.attachIdp(randomUUID(), 'acme', null)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('revokes by provider session id: only that provider session, only at that provider', async () => {
    const user = await newUser();
    const target = await ssoSession(user.id, 'acme', 'sid-a');
    const otherSid = await ssoSession(user.id, 'acme', 'sid-b');
    const otherProvider = await ssoSession(user.id, 'globex', 'sid-a');
    const revoked = await sessions.revokeForIdp('acme', { sid: 'sid-a' }, 'idp_logout');
    expect(revoked.map((s) => s.id)).toEqual([target]);
    expect(revoked[0].revokedAt).toBeInstanceOf(Date);
    expect(await live(user.id, [target, otherSid, otherProvider])).toEqual([otherSid, otherProvider].sort());
    expect(await sessions.revokeForIdp('acme', { sid: 'sid-a' }, 'idp_logout')).toEqual([]);
  });

  it('revokes by user: every session of those users through that provider, never their local sessions', async () => {
    const user = await newUser();
    const bystander = await newUser();
    const a = await ssoSession(user.id, 'acme', 'sid-1');
    const b = await ssoSession(user.id, 'acme', null);
    const { session: local } = await sessions.start(user.id, client, ['pwd']);
    const theirs = await ssoSession(bystander.id, 'acme', 'sid-1');
    const revoked = await sessions.revokeForIdp('acme', { userIds: [user.id] }, 'idp_logout');
    expect(revoked.map((s) => s.id).sort()).toEqual([a, b].sort());
    expect(await live(user.id, [a, b, local.id])).toEqual([local.id]);
    expect(await live(bystander.id, [theirs])).toEqual([theirs]);
  });

  it('with both sid and users, a session must match both; with neither, or no users, nothing is revoked', async () => {
    const user = await newUser();
    const other = await newUser();
    const mine = await ssoSession(user.id, 'acme', 'shared-sid');
    const theirs = await ssoSession(other.id, 'acme', 'shared-sid');
    expect(await sessions.revokeForIdp('acme', {}, 'idp_logout')).toEqual([]);
    expect(await sessions.revokeForIdp('acme', { userIds: [] }, 'idp_logout')).toEqual([]);
    expect((await sessions.revokeForIdp('acme', { sid: 'shared-sid', userIds: [user.id] }, 'idp_logout')).map((s) => s.id)).toEqual([mine]);
    expect(await live(other.id, [theirs])).toEqual([theirs]);
  });
});
