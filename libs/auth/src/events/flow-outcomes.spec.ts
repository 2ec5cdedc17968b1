import type { AuditLog, SecurityEventInput } from '@identsphere/audit';
import type { TransactionHost } from '@identsphere/database';
import type { Mailer, MailMessage, MailMetrics } from '@identsphere/mail';
import type { UsersRepository } from '@identsphere/users';
import type { AuthMetrics } from '../auth-metrics';
import { adminEvent, counted, factorRemoved, flowEvent, loginFailed, mailOwner, mailTo } from './flow-outcome';
import { FlowOutcomes } from './flow-outcomes';

/** Recording stand-ins for every channel; `commit()` runs what FlowOutcomes deferred to after the commit. */
function channels(owners: Record<string, string> = {}) {
  const rows: SecurityEventInput[] = [];
  const mails: MailMessage[] = [];
  const counts: string[] = [];
  const deferred: Array<() => void> = [];
  const audit = { record: async (event: SecurityEventInput) => void rows.push(event) } as unknown as AuditLog;
  const mailer = { enqueue: async (message: MailMessage) => void mails.push(message) } as unknown as Mailer;
  const users = { findById: async (id: string) => (owners[id] ? { id, email: owners[id] } : null) } as unknown as UsersRepository;
  const authMetrics = {
    login: (outcome: string) => counts.push(`login:${outcome}`),
    refresh: (outcome: string) => counts.push(`refresh:${outcome}`),
    proof: (purpose: string, method: string, outcome: string) => counts.push(`proof:${purpose}:${method}:${outcome}`),
  } as unknown as AuthMetrics;
  const mailMetrics = { dropped: (reason: string) => counts.push(`mail_dropped:${reason}`) } as unknown as MailMetrics;
  const tx = { afterCommit: (hook: () => void) => void deferred.push(hook) } as unknown as TransactionHost;
  const outcomes = new FlowOutcomes(audit, mailer, users, authMetrics, mailMetrics, tx);
  return { outcomes, rows, mails, counts, commit: () => deferred.splice(0).forEach((hook) => hook()) };
}

describe('FlowOutcomes', () => {
  const client = { ip: '203.0.113.7', userAgent: 'test-agent' };

  it('adds the client to every audit row, in order, and changes nothing else', async () => {
    const { outcomes, rows } = channels();
    await outcomes.record([flowEvent('logout', 'u1', 's1'), loginFailed(null, { reason: 'unknown_email' }), ...factorRemoved('u1', 's1', 'totp', true)], client);
    expect(rows).toEqual([
      { type: 'logout', userId: 'u1', sessionId: 's1', ip: client.ip, userAgent: client.userAgent },
      { type: 'login_failed', userId: null, sessionId: null, detail: { reason: 'unknown_email' }, ip: client.ip, userAgent: client.userAgent },
      { type: 'mfa_disabled', userId: 'u1', sessionId: 's1', detail: { method: 'totp', last_factor: 'true' }, ip: client.ip, userAgent: client.userAgent },
      { type: 'mfa_last_factor_removed', userId: 'u1', sessionId: 's1', detail: { method: 'totp' }, ip: client.ip, userAgent: client.userAgent },
    ]);
  });

  it("records an administrator's action with the actor", async () => {
    const { outcomes, rows } = channels();
    await outcomes.record([adminEvent('roles_changed', 'u1', 'admin-1', { added: 'support', removed: '' })], client);
    expect(rows).toEqual([{ type: 'roles_changed', userId: 'u1', sessionId: null, actorId: 'admin-1', detail: { added: 'support', removed: '' }, ip: client.ip, userAgent: client.userAgent }]);
  });

  it('records null client fields when there is no client', async () => {
    const { outcomes, rows } = channels();
    await outcomes.record([flowEvent('account_disabled', 'u1', null, { reason: 'abuse' })], undefined);
    expect(rows).toEqual([{ type: 'account_disabled', userId: 'u1', sessionId: null, detail: { reason: 'abuse' }, ip: null, userAgent: null }]);
  });

  it('queues a mail to the given address as it is', async () => {
    const { outcomes, mails } = channels();
    await outcomes.record([mailTo({ kind: 'change-email', to: 'new@example.com', token: 't' })], client);
    expect(mails).toEqual([{ kind: 'change-email', to: 'new@example.com', token: 't' }]);
  });

  it("addresses an owner's notice to the account's current email, and sends nothing for an account that is gone", async () => {
    const { outcomes, mails } = channels({ u1: 'owner@example.com' });
    await outcomes.record([mailOwner('u1', { kind: 'recovery-code-used', remaining: 9 }), mailOwner('gone', { kind: 'passkey-added' })], client);
    expect(mails).toEqual([{ kind: 'recovery-code-used', to: 'owner@example.com', remaining: 9 }]);
  });

  it('counts metrics only when the transaction host says the change committed', async () => {
    const { outcomes, counts, commit } = channels();
    await outcomes.record([counted.login('success'), counted.refresh('reused'), counted.proof('step_up', 'totp', 'wrong'), counted.mailDropped('recipient_budget')], client);
    expect(counts).toEqual([]);
    commit();
    expect(counts).toEqual(['login:success', 'refresh:reused', 'proof:step_up:totp:wrong', 'mail_dropped:recipient_budget']);
  });

  it('records nothing for no outcomes', async () => {
    const { outcomes, rows, mails, counts, commit } = channels();
    await outcomes.record([], client);
    commit();
    expect([rows, mails, counts]).toEqual([[], [], []]);
  });
});
