import type { AuditEventType } from '@identsphere/audit';
import type { WebhookEventData, WebhookEventType } from '@identsphere/webhooks';
import type { FlowEvent } from './flow-event';

export interface FlowWebhook {
  readonly type: WebhookEventType;
  readonly data: WebhookEventData;
}

/** Which audit events are announced to webhook receivers, and as what; the rest stay in the audit log only. */
const WEBHOOK_TYPE_OF: Partial<Record<AuditEventType, WebhookEventType>> = {
  signup: 'user.created',
  email_verified: 'user.email_verified',
  email_changed: 'user.email_changed',
  password_changed: 'user.password_changed',
  password_reset: 'user.password_changed',
  account_disabled: 'user.disabled',
  account_deleted: 'user.deleted',
  mfa_enabled: 'mfa.changed',
  mfa_disabled: 'mfa.changed',
  account_locked: 'login.locked',
  logout: 'session.revoked',
  logout_all: 'session.revoked',
  sso_logout: 'session.revoked',
};

/**
 * The webhook an audit event announces, or null. `data` carries ids and fixed facts only: never the
 * client's address, an operator's free-text reason, or anything secret (see WebhookEventData).
 */
export function webhookOf(event: FlowEvent): FlowWebhook | null {
  const type = WEBHOOK_TYPE_OF[event.type];
  // A lock on an unknown email names no account: nothing for a receiver to act on.
  if (!type || !event.userId) return null;
  return { type, data: { user_id: event.userId, ...factsOf(event) } };
}

function factsOf({ type, sessionId, detail }: FlowEvent): Record<string, string> {
  switch (type) {
    case 'password_changed':
    case 'password_reset':
      return { via: type === 'password_reset' ? 'reset' : 'change' };
    case 'mfa_enabled':
    case 'mfa_disabled':
      return { change: type === 'mfa_enabled' ? 'enabled' : 'disabled', ...(detail?.method ? { method: detail.method } : {}) };
    case 'logout':
      return { reason: 'logout', ...(sessionId ? { session_id: sessionId } : {}) };
    case 'sso_logout':
      // Ended by the provider (back-channel) or by the user signing out at both.
      return { reason: detail?.via === 'backchannel' ? 'idp_logout' : 'logout', ...(sessionId ? { session_id: sessionId } : {}) };
    case 'logout_all':
      // Every session of the user ended, this one included.
      return { reason: 'logout_all' };
    default:
      return {};
  }
}
