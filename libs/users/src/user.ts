/** A user as the rest of the service sees it: plain, readonly, no secrets. */
export interface User {
  readonly id: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly displayName: string | null;
  readonly roles: readonly string[];
  /** Null when the account is enabled, including after a temporary disable has run out. */
  readonly disabledAt: Date | null;
  /** When a temporary disable ends; null for an enabled account or one disabled until enabled again. */
  readonly disabledUntil: Date | null;
  readonly createdAt: Date;
}

/** Only returned when asked for explicitly (`{ withPasswordHash: true }`). */
export interface UserWithPasswordHash extends User {
  readonly passwordHash: string;
}

export interface NewUser {
  readonly email: string;
  readonly passwordHash: string;
  readonly displayName: string | null;
}
