/** A user as the rest of the service sees it: plain, readonly, no secrets. */
export interface User {
  readonly id: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly displayName: string | null;
  readonly roles: readonly string[];
  readonly disabledAt: Date | null;
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
