import type { AppConfig } from '@identsphere/config';
import type { DatabaseConnector, TransactionHost } from '@identsphere/database';
import { InMemoryUsersRepository, User } from '@identsphere/users';
import type { FlowOutcome } from '../events/flow-outcome';
import type { FlowOutcomes } from '../events/flow-outcomes';
import { BootstrapAdmin } from './bootstrap-admin';

const ADMIN_EMAIL = 'ops@example.com';

function setup(adminEmail: string | null = ADMIN_EMAIL, databaseReady = true) {
  const users = new InMemoryUsersRepository();
  const recorded: FlowOutcome[] = [];
  const outcomes = { record: async (list: readonly FlowOutcome[]) => void recorded.push(...list) } as unknown as FlowOutcomes;
  const tx = { run: <T>(fn: () => Promise<T>) => fn(), afterCommit: (hook: () => void) => hook() } as unknown as TransactionHost;
  const connector = { isReady: databaseReady } as DatabaseConnector;
  const config = { bootstrap: { adminEmail } } as AppConfig;
  return { users, recorded, bootstrap: new BootstrapAdmin(users, outcomes, tx, connector, config) };
}

async function account(users: InMemoryUsersRepository, email: string, verified: boolean): Promise<User> {
  const user = await users.create({ email, passwordHash: 'h', displayName: null });
  return verified ? ((await users.markEmailVerified(user.id)) as User) : user;
}

describe('BootstrapAdmin', () => {
  it('grants admin to the verified bootstrap address, once, recording roles_changed', async () => {
    const { users, recorded, bootstrap } = setup();
    const user = await account(users, ADMIN_EMAIL, true);
    expect((await bootstrap.onVerified(user)).roles).toEqual(['admin']);
    expect((await bootstrap.onVerified(user)).roles).toEqual([]);
    expect((await users.findById(user.id))?.roles).toEqual(['admin']);
    expect(recorded).toEqual([{ channel: 'audit', type: 'roles_changed', userId: user.id, sessionId: null, detail: { added: 'admin', via: 'bootstrap' } }]);
  });

  it('grants nothing to an unverified bootstrap address, to other addresses, or when no address is configured', async () => {
    const first = setup();
    const unverified = await account(first.users, ADMIN_EMAIL, false);
    const other = await account(first.users, 'someone@example.com', true);
    await first.bootstrap.onVerified(unverified);
    await first.bootstrap.onVerified(other);
    const unset = setup(null);
    await unset.bootstrap.onVerified(await account(unset.users, ADMIN_EMAIL, true));
    expect([first.recorded, unset.recorded]).toEqual([[], []]);
  });

  it('at boot, grants an account verified earlier, but does not touch a database that is not up yet', async () => {
    const ready = setup();
    const user = await account(ready.users, ADMIN_EMAIL, true);
    await ready.bootstrap.onApplicationBootstrap();
    expect((await ready.users.findById(user.id))?.roles).toEqual(['admin']);

    const down = setup(ADMIN_EMAIL, false);
    const waiting = await account(down.users, ADMIN_EMAIL, true);
    await down.bootstrap.onApplicationBootstrap();
    expect((await down.users.findById(waiting.id))?.roles).toEqual([]);
  });
});
