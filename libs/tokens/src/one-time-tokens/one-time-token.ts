/** What a one-time token may be used for; a token of one purpose is worthless for another. */
export type OneTimeTokenPurpose = 'verify-email' | 'reset-password' | 'change-email';

export const ONE_TIME_TOKEN_PURPOSES: readonly OneTimeTokenPurpose[] = ['verify-email', 'reset-password', 'change-email'];

/** What a valid token grants: an action on this user, bound to the address the token was mailed to. */
export interface OneTimeTokenGrant {
  readonly userId: string;
  /** verify-email and reset-password: the account's address at issue time; change-email: the new address. */
  readonly email: string;
  /** change-email: the session that asked for the change (the grant dies with it); null for other purposes. */
  readonly sessionId: string | null;
}

/** Issue-time options: a change-email token is bound to the session that asked for it. */
export interface OneTimeTokenBinding {
  readonly sessionId?: string | null;
}
