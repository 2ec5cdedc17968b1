/** Every event type an endpoint can subscribe to, in the order docs/api.md (Webhooks) lists them. */
export const WEBHOOK_EVENT_TYPES = [
  'user.created',
  'user.email_verified',
  'user.email_changed',
  'user.password_changed',
  'user.disabled',
  'user.deleted',
  'session.revoked',
  'mfa.changed',
  'login.locked',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * An event's `data`: ids and non-secret facts only (`user_id`, `session_id`, a method or reason), never a
 * token, hash or address. Receivers that need more ask the admin API: a thin payload leaks nothing to a
 * receiver or a delivery log it should not see, and is never stale.
 */
export type WebhookEventData = Readonly<Record<string, string>>;
