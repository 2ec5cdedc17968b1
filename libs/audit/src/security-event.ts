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
  // An administrator's actions on the account, the admin support actions and the bootstrap admin: the acting
  // admin is recorded with the event (actor_id); the owner sees `actor: "admin"`.
  'account_disabled',
  'account_enabled',
  'roles_changed',
  'sessions_revoked_by_admin',
  'login_lock_cleared',
  'email_verification_resent',
  'password_reset_link_created',
  // Single sign-on through an OpenID Connect provider (detail.provider names it).
  'sso_login_succeeded',
  'sso_login_failed',
  'identity_linked',
  'identity_unlinked',
  // An SSO login linked an account whose address nobody had verified: its password, second factors, sessions
  // and pending links were voided (detail.provider, detail.removed, detail.sessions_revoked).
  'account_claimed',
  // A session of ours that came from a provider ended with it: detail.via `backchannel` (the provider's
  // back-channel logout) or `rp_initiated` (the user signed out here and at the provider).
  'sso_logout',
] as const;

export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

/** Admin actions on machine clients (no user owns them; `detail.client_id` names the client). */
export const MACHINE_CLIENT_EVENT_TYPES = ['client_created', 'client_secret_rotated', 'client_disabled', 'client_enabled', 'client_deleted'] as const;

export type MachineClientEventType = (typeof MACHINE_CLIENT_EVENT_TYPES)[number];

/** Admin changes to where account events are sent (no user owns them; `detail.webhook_id` names the endpoint). */
export const WEBHOOK_ENDPOINT_EVENT_TYPES = ['webhook_created', 'webhook_deleted'] as const;

/** Admin changes to the OpenID Connect providers users sign in with (no user owns them; `detail.provider_id` names it). */
export const IDENTITY_PROVIDER_EVENT_TYPES = ['identity_provider_created', 'identity_provider_updated', 'identity_provider_deleted'] as const;

export type IdentityProviderEventType = (typeof IDENTITY_PROVIDER_EVENT_TYPES)[number];

/**
 * What can be recorded: the readable types, plus `account_deleted`, which stays in the log after the user is
 * gone (and so never appears in anyone's GET /v1/me/events), and the machine-client and webhook-endpoint
 * actions, which belong to no user. Admins read them all in GET /v1/admin/events.
 */
export const AUDIT_EVENT_TYPES = [...SECURITY_EVENT_TYPES, 'account_deleted', ...MACHINE_CLIENT_EVENT_TYPES, ...WEBHOOK_ENDPOINT_EVENT_TYPES, ...IDENTITY_PROVIDER_EVENT_TYPES] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export interface SecurityEventInput {
  readonly type: AuditEventType;
  /** Null when no account is known (e.g. a failed login for an unknown email). */
  readonly userId: string | null;
  readonly sessionId?: string | null;
  /** Who acted when it was not the owner: an admin user's id or a machine client's id (see actorIdOf). */
  readonly actorId?: string | null;
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
  /** Set when someone other than the owner acted (an admin user or a machine client). */
  readonly actorId: string | null;
}

/** An event as an administrator reads it: any user's, any type, with the actor and the detail. */
export interface AdminSecurityEvent extends Omit<SecurityEvent, 'type'> {
  readonly type: AuditEventType;
  /** Null for events without a known account (a failed login for an unknown email). */
  readonly userId: string | null;
  readonly detail: Record<string, string>;
}
