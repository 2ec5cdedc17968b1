import type { AuditLog, SecurityEventInput } from '@identsphere/audit';
import { factorRemoved, flowEvent, loginFailed } from './flow-event';
import { FlowOutcomes } from './flow-outcomes';

function recordingAudit(): { audit: AuditLog; rows: SecurityEventInput[] } {
  const rows: SecurityEventInput[] = [];
  const audit = { record: async (event: SecurityEventInput) => void rows.push(event) } as unknown as AuditLog;
  return { audit, rows };
}

describe('FlowOutcomes', () => {
  const client = { ip: '203.0.113.7', userAgent: 'test-agent' };

  it('adds the client to every row, in order, and changes nothing else', async () => {
    const { audit, rows } = recordingAudit();
    const events = [flowEvent('logout', 'u1', 's1'), loginFailed(null, { reason: 'unknown_email' }), ...factorRemoved('u1', 's1', 'totp', true)];
    await new FlowOutcomes(audit).record(events, client);
    expect(rows).toEqual(events.map((event) => ({ ...event, ip: client.ip, userAgent: client.userAgent })));
    expect(rows.map((row) => row.type)).toEqual(['logout', 'login_failed', 'mfa_disabled', 'mfa_last_factor_removed']);
  });

  it('records null client fields when there is no client', async () => {
    const { audit, rows } = recordingAudit();
    await new FlowOutcomes(audit).record([flowEvent('account_disabled', 'u1', null, { reason: 'abuse' })], undefined);
    expect(rows).toEqual([{ type: 'account_disabled', userId: 'u1', sessionId: null, detail: { reason: 'abuse' }, ip: null, userAgent: null }]);
  });

  it('records nothing for no events', async () => {
    const { audit, rows } = recordingAudit();
    await new FlowOutcomes(audit).record([], client);
    expect(rows).toEqual([]);
  });
});
