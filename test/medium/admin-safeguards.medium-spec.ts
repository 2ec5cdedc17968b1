import { AccountAccessFlow, AccountAdminFlow, AdminActor, AdminModule } from '@identsphere/admin';
import { TransactionHost } from '@identsphere/database';
import { UsersRepository } from '@identsphere/users';
import { aClient, registeredUser, signedInSession } from '../support/medium/factories';
import { MediumModule, newMediumModule } from '../support/medium/medium-module';

/** A machine client acting with the admin scope: it has no account, so no self-protection covers its choices. */
const serviceAccount = (): AdminActor => ({ actorId: 'svc-ops-console', client: aClient() });

describe('admin safeguards', () => {
  let m: MediumModule;
  beforeAll(async () => (m = await newMediumModule({ imports: [AdminModule] })));
  afterAll(() => m?.close());

  /** Makes the given accounts the only enabled admins of this file's database. */
  async function onlyAdmins(...ids: string[]): Promise<void> {
    await m.get(TransactionHost).manager.query(`UPDATE users SET roles = array_remove(roles, 'admin')`);
    for (const id of ids) await m.get(UsersRepository).setRoles(id, ['admin']);
  }

  it('never lets a machine client remove the last enabled admin, in any of the three ways', async () => {
    const { user: last } = await registeredUser(m);
    await onlyAdmins(last.id);
    const eventsBefore = m.audit.events.length;

    await expect(m.get(AccountAdminFlow).setRoles(last.id, [], serviceAccount())).rejects.toMatchObject({ code: 'last_admin' });
    await expect(m.get(AccountAccessFlow).disable(last.id, { reason: 'x' }, serviceAccount())).rejects.toMatchObject({ code: 'last_admin' });
    await expect(m.get(AccountAdminFlow).delete(last.id, serviceAccount())).rejects.toMatchObject({ code: 'last_admin' });

    expect(await m.get(UsersRepository).findById(last.id)).toMatchObject({ roles: ['admin'], disabledAt: null });
    expect(m.audit.events).toHaveLength(eventsBefore);
  });

  it('counts only enabled admins: a disabled one does not keep the role alive', async () => {
    const { user: active } = await registeredUser(m);
    const { user: disabled } = await registeredUser(m);
    await onlyAdmins(active.id, disabled.id);
    await m.get(UsersRepository).markDisabled(disabled.id);

    await expect(m.get(AccountAdminFlow).setRoles(active.id, ['support'], serviceAccount())).rejects.toMatchObject({ code: 'last_admin' });
    await m.get(AccountAccessFlow).enable(disabled.id, serviceAccount());
    expect((await m.get(AccountAdminFlow).setRoles(active.id, ['support'], serviceAccount())).roles).toEqual(['support']);
  });

  it('lets exactly one of two admins demoting each other at the same moment win', async () => {
    const { user: a } = await registeredUser(m);
    const { user: b } = await registeredUser(m);
    await onlyAdmins(a.id, b.id);
    const flow = m.get(AccountAdminFlow);

    const results = await Promise.allSettled([flow.setRoles(b.id, [], { actorId: a.id, client: aClient() }), flow.setRoles(a.id, [], { actorId: b.id, client: aClient() })]);

    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'last_admin' } });
    const admins = [await m.get(UsersRepository).findById(a.id), await m.get(UsersRepository).findById(b.id)].filter((u) => u?.roles.includes('admin'));
    expect(admins).toHaveLength(1);
  });

  it('refuses an admin acting on their own account, but not another admin doing it', async () => {
    const { user: a } = await registeredUser(m);
    const { user: b } = await registeredUser(m);
    await onlyAdmins(a.id, b.id);
    const self: AdminActor = { actorId: a.id, client: aClient() };

    await expect(m.get(AccountAccessFlow).disable(a.id, { reason: 'x' }, self)).rejects.toMatchObject({ code: 'admin_self_action' });
    await expect(m.get(AccountAdminFlow).delete(a.id, self)).rejects.toMatchObject({ code: 'admin_self_action' });
    await expect(m.get(AccountAdminFlow).setRoles(a.id, ['support'], self)).rejects.toMatchObject({ code: 'admin_self_action' });

    await m.get(AccountAccessFlow).disable(a.id, { reason: 'rotation' }, { actorId: b.id, client: aClient() });
    expect((await m.get(UsersRepository).findById(a.id))?.disabledAt).toBeInstanceOf(Date);
  });
});

describe('admin actions in the audit log', () => {
  let m: MediumModule;
  beforeAll(async () => (m = await newMediumModule({ imports: [AdminModule] })));
  afterAll(() => m?.close());

  it('records each action on the target with the actor and the admin client', async () => {
    const { user } = await registeredUser(m);
    await signedInSession(m, user);
    const by = serviceAccount();

    await m.get(AccountAccessFlow).disable(user.id, { reason: 'abuse', until: new Date(Date.now() + 60_000) }, by);
    await m.get(AccountAccessFlow).enable(user.id, by);
    await m.get(AccountAdminFlow).setRoles(user.id, ['support'], by);
    await m.get(AccountAdminFlow).revokeSessions(user.id, by);

    expect(m.audit.of(user.id)).toEqual([
      expect.objectContaining({ type: 'account_disabled', actorId: by.actorId, ip: by.client.ip, detail: expect.objectContaining({ reason: 'abuse', sessions_revoked: '1', until: expect.any(String) }) }),
      expect.objectContaining({ type: 'account_enabled', actorId: by.actorId, ip: by.client.ip }),
      expect.objectContaining({ type: 'roles_changed', actorId: by.actorId, detail: { added: 'support', removed: '' } }),
      expect.objectContaining({ type: 'sessions_revoked_by_admin', actorId: by.actorId, detail: { sessions_revoked: '0' } }),
    ]);
  });

  it('records nothing for what changes nothing: enabling an enabled account, setting the same roles', async () => {
    const { user } = await registeredUser(m);
    await m.get(UsersRepository).setRoles(user.id, ['support']);

    await m.get(AccountAccessFlow).enable(user.id, serviceAccount());
    await m.get(AccountAdminFlow).setRoles(user.id, ['support', 'support'], serviceAccount());

    expect(m.audit.of(user.id)).toEqual([]);
  });

  it('keeps account_deleted, with the actor, after the user is gone', async () => {
    const { user } = await registeredUser(m);
    const by = serviceAccount();

    await m.get(AccountAdminFlow).delete(user.id, by);

    expect(await m.get(UsersRepository).findById(user.id)).toBeNull();
    expect(m.audit.of(user.id)).toEqual([expect.objectContaining({ type: 'account_deleted', actorId: by.actorId })]);
  });
});
