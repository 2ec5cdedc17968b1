/** Links in mails lead to a route of the SPA named by its purpose (see IDENTSPHERE_LINK_URL_TEMPLATE). */
export type LinkPurpose = 'verify-email' | 'reset-password' | 'change-email';

/** What to send, as the flows describe it; the templates decide the words. */
export type MailMessage =
  | { readonly kind: 'verify-email'; readonly to: string; readonly token: string }
  | { readonly kind: 'reset-password'; readonly to: string; readonly token: string }
  | { readonly kind: 'change-email'; readonly to: string; readonly token: string }
  /** Notice after a password reset or change. */
  | { readonly kind: 'password-changed'; readonly to: string }
  /** Notice to the OLD address after an email change. */
  | { readonly kind: 'email-changed'; readonly to: string }
  /** Warning to the CURRENT address when a move to `newEmail` is requested (the template masks it). */
  | { readonly kind: 'email-change-requested'; readonly to: string; readonly newEmail: string }
  /** Notice when a sign-in factor is removed; `lastFactor`: the account is back to a password alone. */
  | { readonly kind: 'factor-disabled'; readonly to: string; readonly factor: 'totp' | 'webauthn' | 'recovery_code'; readonly lastFactor: boolean }
  /** Notice when an authenticator app is added as a second factor. */
  | { readonly kind: 'totp-enabled'; readonly to: string }
  /** Notice when a passkey is added: a new way into the account, so the owner must hear of it. */
  | { readonly kind: 'passkey-added'; readonly to: string }
  /** Notice when a new set of recovery codes replaced the old one. */
  | { readonly kind: 'recovery-codes-regenerated'; readonly to: string }
  /** Notice when a recovery code was used to sign in or step up; says how many remain. */
  | { readonly kind: 'recovery-code-used'; readonly to: string; readonly remaining: number }
  /** Notice when an administrator removed every second factor (and ended every session) of the account. */
  | { readonly kind: 'mfa-reset-by-admin'; readonly to: string };

export type MailKind = MailMessage['kind'];

/** A mail with its words: what the outbox stores (sealed) and a transport sends. */
export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** One mail handed to a transport. `id` is the outbox row id; it becomes the Message-ID. */
export interface OutgoingMail extends RenderedMail {
  readonly id: string;
  readonly kind: string;
  readonly to: string;
}
