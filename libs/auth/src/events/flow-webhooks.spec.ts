import { factorRemoved, flowEvent, mfaEnabled } from './flow-outcome';
import { webhookOf } from './flow-webhooks';

describe('webhookOf', () => {
  it.each([
    ['signup', 'user.created'],
    ['email_verified', 'user.email_verified'],
    ['email_changed', 'user.email_changed'],
    ['account_disabled', 'user.disabled'],
    ['account_deleted', 'user.deleted'],
    ['account_locked', 'login.locked'],
  ] as const)('announces %s as %s with the user id alone', (audit, type) => {
    expect(webhookOf(flowEvent(audit, 'u1', 's1', { reason: 'free text from an operator' }))).toEqual({ type, data: { user_id: 'u1' } });
  });

  it('tells a password change from a reset', () => {
    expect(webhookOf(flowEvent('password_changed', 'u1', 's1'))).toEqual({ type: 'user.password_changed', data: { user_id: 'u1', via: 'change' } });
    expect(webhookOf(flowEvent('password_reset', 'u1'))).toEqual({ type: 'user.password_changed', data: { user_id: 'u1', via: 'reset' } });
  });

  it('announces second-factor changes as mfa.changed with the method, never a factor id', () => {
    expect(webhookOf(mfaEnabled('u1', 's1', { method: 'webauthn', factor_id: 'f1' }))).toEqual({ type: 'mfa.changed', data: { user_id: 'u1', change: 'enabled', method: 'webauthn' } });
    expect(factorRemoved('u1', 's1', 'totp', true).map(webhookOf)).toEqual([{ type: 'mfa.changed', data: { user_id: 'u1', change: 'disabled', method: 'totp' } }, null]);
  });

  it('announces logouts as session.revoked: one session with its id, or all of them', () => {
    expect(webhookOf(flowEvent('logout', 'u1', 's1'))).toEqual({ type: 'session.revoked', data: { user_id: 'u1', reason: 'logout', session_id: 's1' } });
    expect(webhookOf(flowEvent('logout_all', 'u1', 's1', { sessions_revoked: '3' }))).toEqual({ type: 'session.revoked', data: { user_id: 'u1', reason: 'logout_all' } });
  });

  it('announces SSO logouts as session.revoked: idp_logout when the provider ended it, logout when the user did', () => {
    expect(webhookOf(flowEvent('sso_logout', 'u1', 's1', { provider: 'acme', via: 'backchannel' }))).toEqual({ type: 'session.revoked', data: { user_id: 'u1', reason: 'idp_logout', session_id: 's1' } });
    expect(webhookOf(flowEvent('sso_logout', 'u1', 's1', { provider: 'acme', via: 'rp_initiated' }))).toEqual({ type: 'session.revoked', data: { user_id: 'u1', reason: 'logout', session_id: 's1' } });
  });

  it('announces nothing for events receivers do not subscribe to, or that name no account', () => {
    expect(webhookOf(flowEvent('login_succeeded', 'u1', 's1'))).toBeNull();
    expect(webhookOf(flowEvent('step_up', 'u1', 's1'))).toBeNull();
    expect(webhookOf(flowEvent('account_locked', null))).toBeNull();
  });
});
