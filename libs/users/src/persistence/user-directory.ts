import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@identsphere/database';
import type { User } from '../user';
import { decodeUserCursor, encodeUserCursor } from './user-cursor';

/** What an administrator searches for; every filter is optional and they combine with AND. */
export interface UserSearch {
  /** Matches the start of the (normalised, lower-case) address. */
  readonly emailPrefix?: string;
  readonly role?: string;
  /** Whether the account is disabled now (a temporary disable that ran out counts as enabled). */
  readonly disabled?: boolean;
  readonly verified?: boolean;
}

export interface UserPage {
  readonly items: readonly User[];
  readonly nextCursor: string | null;
}

interface DirectoryRow {
  id: string;
  email: string;
  email_verified: boolean;
  display_name: string | null;
  roles: string[];
  disabled_at: Date | null;
  disabled_until: Date | null;
  created_at: Date;
  created_micros: string;
}

/** Disabled now: judged by the database's clock, the way the users repository and the guard judge it. */
const DISABLED_NOW = '(disabled_at IS NOT NULL AND (disabled_until IS NULL OR disabled_until > now()))';

/** LIKE's wildcards and escape character, taken literally in a prefix. */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The administrators' view of all accounts: search and keyset paging, newest first. Separate from the
 * UsersRepository port, which serves the per-account flows; this one exists only for the admin API.
 */
@Injectable()
export class UserDirectory {
  constructor(private readonly tx: TransactionHost) {}

  async search(search: UserSearch, page: { cursor?: string; limit: number }): Promise<UserPage> {
    const after = page.cursor !== undefined ? decodeUserCursor(page.cursor) : null;
    const rows: DirectoryRow[] = await this.tx.manager.query(
      `SELECT id, email, email_verified, display_name, roles, created_at,
              CASE WHEN ${DISABLED_NOW} THEN disabled_at END AS disabled_at,
              CASE WHEN ${DISABLED_NOW} THEN disabled_until END AS disabled_until,
              floor(extract(epoch FROM created_at) * 1000000)::bigint::text AS created_micros
       FROM users
       WHERE ($1::text IS NULL OR email LIKE $1::text || '%')
         AND ($2::text IS NULL OR $2::text = ANY(roles))
         AND ($3::boolean IS NULL OR ${DISABLED_NOW} = $3::boolean)
         AND ($4::boolean IS NULL OR email_verified = $4::boolean)
         AND ($5::bigint IS NULL OR (floor(extract(epoch FROM created_at) * 1000000)::bigint, id) < ($5::bigint, $6::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $7`,
      [
        search.emailPrefix !== undefined ? escapeLike(search.emailPrefix) : null,
        search.role ?? null,
        search.disabled ?? null,
        search.verified ?? null,
        after?.createdMicros ?? null,
        after?.id ?? null,
        page.limit + 1,
      ],
    );
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > page.limit ? encodeUserCursor({ createdMicros: last.created_micros, id: last.id }) : null;
    return { items: items.map(toUser), nextCursor };
  }

  /**
   * Locks and returns the enabled holders of `role`, in id order (so concurrent callers queue instead of
   * deadlocking). Call inside a transaction before removing the role from someone, or disabling or deleting
   * them: two administrators demoting each other at the same moment then cannot leave nobody with the role.
   */
  async lockEnabledHolders(role: string): Promise<string[]> {
    const rows: { id: string }[] = await this.tx.manager.query(
      `SELECT id FROM users WHERE $1::text = ANY(roles) AND NOT ${DISABLED_NOW} ORDER BY id FOR UPDATE`,
      [role],
    );
    return rows.map((row) => row.id);
  }
}

const toUser = (row: DirectoryRow): User => ({
  id: row.id,
  email: row.email,
  emailVerified: row.email_verified,
  displayName: row.display_name,
  roles: row.roles ?? [],
  disabledAt: row.disabled_at,
  disabledUntil: row.disabled_until,
  createdAt: row.created_at,
});
