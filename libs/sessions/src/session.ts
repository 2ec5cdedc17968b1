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
}

export interface NewSession {
  readonly userId: string;
  readonly userAgent: string | null;
  readonly ip: string | null;
  readonly amr: readonly string[];
  readonly absoluteTtlSeconds: number;
}

export type RevokeReason = 'logout' | 'logout_all' | 'reuse' | 'user' | 'password_change' | 'password_reset' | 'account_disabled' | 'email_not_verified';
