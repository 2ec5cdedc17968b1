/** The event types users can read back, in the order docs/api.md (Security events) lists them. */
export const SECURITY_EVENT_TYPES = [
  'signup',
  'login_succeeded',
  'login_failed',
  'account_locked',
  'refresh_token_reused',
  'logout',
  'logout_all',
  'password_changed',
  'password_reset',
  'email_verified',
  'email_changed',
  'session_revoked',
  'mfa_enabled',
  'mfa_disabled',
  'mfa_last_factor_removed',
  'recovery_codes_regenerated',
  'recovery_code_used',
  'mfa_failed',
  'step_up',
  // Administration (admin support actions and the bootstrap admin); the acting admin is recorded with the event.
  'roles_changed',
  'login_lock_cleared',
  'email_verification_resent',
  'password_reset_link_created',
] as const;

export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

/**
 * What can be recorded: the readable types, plus `account_disabled` (an operator's action, not part of the
 * user-readable contract) and `account_deleted`, which stays in the log after the
 * user is gone (and so never appears in anyone's GET /v1/me/events).
 */
export type AuditEventType = SecurityEventType | 'account_deleted' | 'account_disabled' | MachineClientEventType;

/** Admin actions on machine clients (no user owns them; `detail.actor_id` names who acted, `detail.client_id` on what). */
export type MachineClientEventType = 'client_created' | 'client_secret_rotated' | 'client_disabled' | 'client_enabled' | 'client_deleted';

export interface SecurityEventInput {
  readonly type: AuditEventType;
  /** Null when no account is known (e.g. a failed login for an unknown email). */
  readonly userId: string | null;
  readonly sessionId?: string | null;
  readonly ip?: string | null;
  readonly userAgent?: string | null;
  /** Small, non-secret context such as a failure's reason class. Never a password, token or hash. */
  readonly detail?: Record<string, string>;
}

export interface SecurityEvent {
  readonly id: string;
  readonly type: SecurityEventType;
  readonly createdAt: Date;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly sessionId: string | null;
}
