export interface Session {
  readonly id: string;
  readonly userId: string;
  /** Rotation counter: the refresh token for counter N is the only current one. */
  readonly counter: number;
  readonly createdAt: Date;
  readonly lastUsedAt: Date;
  readonly rotatedAt: Date | null;
  /** Absolute end of life. */
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly userAgent: string | null;
  readonly ip: string | null;
  readonly amr: readonly string[];
  /** 'pwd', 'mfa' or 'enrol': the assurance of the last authentication; refreshed tokens carry it on. */
  readonly acr: string;
  /** When the user last authenticated in this session (sign-in or step-up): the access tokens' `auth_time`. */
  readonly authTime: Date;
  /** Set when the session was started through SSO: the provider's id, and its session id (`sid`) when it sent one. */
  readonly idpProviderId: string | null;
  readonly idpSid: string | null;
}

export interface NewSession {
  readonly userId: string;
  readonly userAgent: string | null;
  readonly ip: string | null;
  readonly amr: readonly string[];
  readonly acr: string;
  readonly absoluteTtlSeconds: number;
}

export type RevokeReason = 'logout' | 'logout_all' | 'reuse' | 'user' | 'password_change' | 'password_reset' | 'account_disabled' | 'email_not_verified' | 'mfa_reset' | 'admin' | 'idp_logout' | 'sso_claimed';
