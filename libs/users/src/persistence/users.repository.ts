import type { NewUser, User, UserWithPasswordHash } from '../user';

export interface FindOptions {
  readonly withPasswordHash?: boolean;
}

/** The users port. Adapters: TypeOrmUsersRepository (PostgreSQL) and InMemoryUsersRepository (unit tests). */
export abstract class UsersRepository {
  /** Throws UserErrors.emailTaken() when the normalised email exists, even under concurrent inserts. */
  abstract create(user: NewUser): Promise<User>;
  abstract findById(id: string): Promise<User | null>;
  abstract findById(id: string, options: { withPasswordHash: true }): Promise<UserWithPasswordHash | null>;
  abstract findByEmail(email: string): Promise<User | null>;
  abstract findByEmail(email: string, options: { withPasswordHash: true }): Promise<UserWithPasswordHash | null>;
  abstract updateProfile(id: string, changes: { displayName: string | null }): Promise<User | null>;
  abstract updatePasswordHash(id: string, passwordHash: string): Promise<void>;
  abstract markEmailVerified(id: string): Promise<User | null>;
  /** Throws UserErrors.emailTaken() when another account has it. Marks the new address verified. */
  abstract changeEmail(id: string, email: string): Promise<User | null>;
  /**
   * Sets disabled_at (kept if already disabled) and disabled_until (`until`, null: until enabled); returns
   * the disabled user, null for an unknown id.
   */
  abstract markDisabled(id: string, until?: Date | null): Promise<User | null>;
  /** Clears disabled_at and disabled_until; returns the user, null for an unknown id. */
  abstract markEnabled(id: string): Promise<User | null>;
  /** Replaces the user's roles; returns the user, null for an unknown id. */
  abstract setRoles(id: string, roles: readonly string[]): Promise<User | null>;
  /** Returns whether a user was deleted. Their sessions go with them (ON DELETE CASCADE). */
  abstract delete(id: string): Promise<boolean>;
  /**
   * Adds `role` unless the user has it, atomically (two instances racing grant it once). Returns the updated
   * user when this call added it; null when the user already had it or does not exist.
   */
  abstract grantRole(id: string, role: string): Promise<User | null>;
}
