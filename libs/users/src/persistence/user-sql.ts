import type { User, UserWithPasswordHash } from '../user';

/**
 * A user read inside someone else's statement (login's admission, refresh's rotation): the columns under
 * a `user_` prefix so they cannot collide with the host statement's, and the row back as a User. A temporary
 * disable whose `disabled_until` has passed reads as enabled, as in TypeOrmUsersRepository.
 */
export function userColumnsSql(table: string, options: { withPasswordHash?: boolean } = {}): string {
  const lapsed = `${table}.disabled_until <= now()`;
  const columns = `${table}.id AS user_id, ${table}.email AS user_email, ${table}.email_verified AS user_email_verified,
    ${table}.display_name AS user_display_name, ${table}.roles AS user_roles,
    CASE WHEN ${lapsed} THEN NULL ELSE ${table}.disabled_at END AS user_disabled_at,
    CASE WHEN ${lapsed} THEN NULL ELSE ${table}.disabled_until END AS user_disabled_until, ${table}.created_at AS user_created_at`;
  return options.withPasswordHash ? `${columns}, ${table}.password_hash AS user_password_hash` : columns;
}

/** The user in a row selected with userColumnsSql; null when the row has none (a LEFT JOIN found no account). */
export function userFromRow(row: Record<string, unknown>): User | null {
  if (row.user_id === null || row.user_id === undefined) return null;
  return {
    id: row.user_id as string,
    email: row.user_email as string,
    emailVerified: row.user_email_verified as boolean,
    displayName: (row.user_display_name as string | null) ?? null,
    roles: (row.user_roles as string[] | null) ?? [],
    disabledAt: (row.user_disabled_at as Date | null) ?? null,
    disabledUntil: (row.user_disabled_until as Date | null) ?? null,
    createdAt: row.user_created_at as Date,
  };
}

export function userWithHashFromRow(row: Record<string, unknown>): UserWithPasswordHash | null {
  const user = userFromRow(row);
  return user ? { ...user, passwordHash: row.user_password_hash as string } : null;
}
