import type { AuditEventType } from '@identsphere/audit';

/**
 * An audit row as a flow describes it, without the bookkeeping: who, which session, a small non-secret detail.
 * The client's ip and user agent are added by FlowOutcomes, once, for every event (STYLE 17).
 */
export interface FlowEvent {
  readonly channel: 'audit';
  readonly type: AuditEventType;
  /** Null when no account is known (e.g. a failed login for an unknown email). */
  readonly userId: string | null;
  readonly sessionId?: string | null;
  readonly detail?: Record<string, string>;
  /** Who acted when it was not the owner (an admin user's id or a machine client's id; see actorIdOf). */
  readonly actorId?: string;
}

/** Any event; the named helpers below cover the ones several flows share. */
export function flowEvent(type: AuditEventType, userId: string | null, sessionId: string | null = null, detail?: Record<string, string>): FlowEvent {
  return detail ? { channel: 'audit', type, userId, sessionId, detail } : { channel: 'audit', type, userId, sessionId };
}

/** An administrator's action on `userId`'s account: the event names the actor and no session of the owner. */
export function adminEvent(type: AuditEventType, userId: string, actorId: string, detail?: Record<string, string>): FlowEvent {
  return { ...flowEvent(type, userId, null, detail), actorId };
}

/** `sessionId` null: the session is started in the same statement (see FlowOutcomes.inStatement). */
export function loginSucceeded(userId: string, sessionId: string | null, detail: Record<string, string>): FlowEvent {
  return flowEvent('login_succeeded', userId, sessionId, detail);
}

export function loginFailed(userId: string | null, detail: Record<string, string>): FlowEvent {
  return flowEvent('login_failed', userId, null, detail);
}

export function mfaEnabled(userId: string, sessionId: string, detail: Record<string, string>): FlowEvent {
  return flowEvent('mfa_enabled', userId, sessionId, detail);
}

/** A factor removed: `mfa_disabled`, plus `mfa_last_factor_removed` when no primary factor is left. */
export function factorRemoved(userId: string, sessionId: string, method: string, lastFactor: boolean, detail: Record<string, string> = {}): FlowEvent[] {
  const removed = flowEvent('mfa_disabled', userId, sessionId, { method, ...detail, last_factor: String(lastFactor) });
  return lastFactor ? [removed, flowEvent('mfa_last_factor_removed', userId, sessionId, { method })] : [removed];
}
