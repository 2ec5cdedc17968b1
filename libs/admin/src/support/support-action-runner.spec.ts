import type { FlowOutcome, FlowOutcomes } from '@identsphere/auth';
import { flowEvent, mailOwner } from '@identsphere/auth';
import type { TransactionHost } from '@identsphere/database';
import { InMemoryUsersRepository } from '@identsphere/users';
import type { AdminSupportMetrics, SupportAction } from './admin-support-metrics';
import { SupportActionRunner } from './support-action-runner';

function setup() {
  const users = new InMemoryUsersRepository();
  const recorded: FlowOutcome[] = [];
  const counted: SupportAction[] = [];
  const outcomes = { record: async (list: readonly FlowOutcome[]) => void recorded.push(...list) } as unknown as FlowOutcomes;
  const tx = { run: <T>(fn: () => Promise<T>) => fn(), afterCommit: (hook: () => void) => hook() } as unknown as TransactionHost;
  const metrics = { count: (action: SupportAction) => void counted.push(action) } as unknown as AdminSupportMetrics;
  return { users, recorded, counted, runner: new SupportActionRunner(users, outcomes, tx, metrics) };
}

describe('SupportActionRunner', () => {
  it("adds the acting admin to every audit row (not to mails), and counts the action", async () => {
    const { users, recorded, counted, runner } = setup();
    const target = await users.create({ email: 'target@example.com', passwordHash: 'h', displayName: null });
    const result = await runner.run('clear_login_lock', target.id, { actorId: 'admin-1' }, async (user) => ({
      result: user.id,
      outcomes: [flowEvent('login_lock_cleared', user.id), flowEvent('mfa_disabled', user.id, null, { method: 'totp' }), mailOwner(user.id, { kind: 'mfa-reset-by-admin' })],
    }));
    expect(result).toBe(target.id);
    expect(recorded).toEqual([
      { channel: 'audit', type: 'login_lock_cleared', userId: target.id, sessionId: null, actorId: 'admin-1' },
      { channel: 'audit', type: 'mfa_disabled', userId: target.id, sessionId: null, detail: { method: 'totp' }, actorId: 'admin-1' },
      { channel: 'mail', ownerOf: target.id, notice: { kind: 'mfa-reset-by-admin' } },
    ]);
    expect(counted).toEqual(['clear_login_lock']);
  });

  it('answers not_found for an unknown and for a malformed id, before any work', async () => {
    const { runner, counted } = setup();
    const work = jest.fn();
    for (const id of ['0b6f8f2e-5c1d-4e8a-9f3b-7a2c1d0e9f84', 'not-a-uuid', "1' OR 1=1"]) {
      await expect(runner.run('reset_mfa', id, { actorId: 'admin-1' }, work)).rejects.toMatchObject({ code: 'not_found' });
    }
    expect([work.mock.calls.length, counted]).toEqual([0, []]);
  });

  it('counts nothing for an action that had nothing to do', async () => {
    const { runner, counted } = setup();
    await runner.record('reset_mfa', { actorId: 'admin-1' }, { outcomes: [], tookEffect: false });
    expect(counted).toEqual([]);
  });
});
