import type { User, UserWithPasswordHash } from '../user';

/**
 * A user read inside someone else's statement (login's admission, refresh's rotation): the columns under
 * an `account_` prefix so they cannot collide with the host statement's, and the row back as a User. A temporary
 * disable whose `disabled_until` has passed reads as enabled, as in TypeOrmUsersRepository.
 */
export function userColumnsSql(table: string, options: { withPasswordHash?: boolean } = {}): string {
  const lapsed = `${table}.disabled_until <= now()`;
  const columns = `${table}.id AS account_id, ${table}.email AS account_email, ${table}.email_verified AS account_email_verified,
    ${table}.display_name AS account_display_name, ${table}.roles AS account_roles,
    CASE WHEN ${lapsed} THEN NULL ELSE ${table}.disabled_at END AS account_disabled_at,
    CASE WHEN ${lapsed} THEN NULL ELSE ${table}.disabled_until END AS account_disabled_until, ${table}.created_at AS account_created_at`;
  return options.withPasswordHash ? `${columns}, ${table}.password_hash AS account_password_hash` : columns;
}

/** The user in a row selected with userColumnsSql; null when the row has none (a LEFT JOIN found no account). */
export function userFromRow(row: Record<string, unknown>): User | null {
  if (row.account_id === null || row.account_id === undefined) return null;
  return {
    id: row.account_id as string,
    email: row.account_email as string,
    emailVerified: row.account_email_verified as boolean,
    displayName: (row.account_display_name as string | null) ?? null,
    roles: (row.account_roles as string[] | null) ?? [],
    disabledAt: (row.account_disabled_at as Date | null) ?? null,
    disabledUntil: (row.account_disabled_until as Date | null) ?? null,
    createdAt: row.account_created_at as Date,
  };
}

export function userWithHashFromRow(row: Record<string, unknown>): UserWithPasswordHash | null {
  const user = userFromRow(row);
  return user ? { ...user, passwordHash: row.account_password_hash as string } : null;
}
