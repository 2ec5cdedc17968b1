import { isDomainError } from '@identsphere/common';
import { InMemoryUsersRepository, UserDirectory, User } from '@identsphere/users';
import { AdminSafeguards } from './admin-safeguards';

/** The directory's lock, answered from the in-memory users: the enabled holders of the role among `ids`. */
function safeguardsOver(users: InMemoryUsersRepository, ids: () => string[]): AdminSafeguards {
  const holders = async (role: string) => {
    const current = await Promise.all(ids().map((id) => users.findById(id)));
    return current.filter((u): u is User => u !== null && u.roles.includes(role) && !u.disabledAt).map((u) => u.id);
  };
  return new AdminSafeguards(users, { lockEnabledHolders: holders } as unknown as UserDirectory);
}

const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (e) => (isDomainError(e) ? e.code : String(e)));

describe('AdminSafeguards', () => {
  let users: InMemoryUsersRepository;
  let created: User[];
  let safeguards: AdminSafeguards;

  async function account(roles: string[]): Promise<User> {
    const user = await users.create({ email: `u${created.length}@example.com`, passwordHash: 'h', displayName: null });
    const withRoles = (await users.setRoles(user.id, roles)) as User;
    created.push(withRoles);
    return withRoles;
  }

  beforeEach(() => {
    users = new InMemoryUsersRepository();
    created = [];
    safeguards = safeguardsOver(users, () => created.map((u) => u.id));
  });

  it('refuses acting on oneself with admin_self_action, and an unknown target with not_found', async () => {
    const admin = await account(['admin']);
    await account(['admin']);
    expect(await codeOf(safeguards.mayRemoveAccess(admin.id, admin.id))).toBe('admin_self_action');
    expect(await codeOf(safeguards.mayChangeRoles(admin.id, admin.id, ['support']))).toBe('admin_self_action');
    expect(await codeOf(safeguards.mayRemoveAccess(admin.id, '00000000-0000-4000-8000-000000000000'))).toBe('not_found');
  });

  it('lets an admin change their own roles as long as admin stays among them', async () => {
    const admin = await account(['admin']);
    expect(await codeOf(safeguards.mayChangeRoles(admin.id, admin.id, ['admin', 'support']))).toBe('ok');
  });

  it('refuses removing the last enabled admin, whoever asks, and allows it while another remains', async () => {
    const last = await account(['admin']);
    const user = await account([]);
    expect(await codeOf(safeguards.mayRemoveAccess('svc-client', last.id))).toBe('last_admin');
    expect(await codeOf(safeguards.mayChangeRoles('svc-client', last.id, []))).toBe('last_admin');
    expect(await codeOf(safeguards.mayRemoveAccess('svc-client', user.id))).toBe('ok');
    await account(['admin']);
    expect(await codeOf(safeguards.mayRemoveAccess('svc-client', last.id))).toBe('ok');
  });
});
