import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TransactionHost } from '@identsphere/database';
import type { LinkedIdentity } from '../linked-identity';

interface IdentityRow {
  id: string;
  user_id: string;
  provider_id: string;
  subject: string;
  email: string;
  created_at: Date;
  last_login_at: Date | null;
}

const COLUMNS = 'id, user_id, provider_id, subject, email, created_at, last_login_at';

const toIdentity = (row: IdentityRow): LinkedIdentity => ({
  id: row.id,
  userId: row.user_id,
  providerId: row.provider_id,
  subject: row.subject,
  email: row.email,
  createdAt: new Date(row.created_at),
  lastLoginAt: row.last_login_at ? new Date(row.last_login_at) : null,
});

/** The user_identities table. */
@Injectable()
export class UserIdentitiesRepository {
  constructor(private readonly tx: TransactionHost) {}

  async find(providerId: string, subject: string): Promise<LinkedIdentity | null> {
    const rows: IdentityRow[] = await this.tx.manager.query(`SELECT ${COLUMNS} FROM user_identities WHERE provider_id = $1 AND subject = $2`, [providerId, subject]);
    return rows[0] ? toIdentity(rows[0]) : null;
  }

  /**
   * Links (provider, subject) to the user. When it is already linked (two callbacks racing), returns the
   * existing link instead of failing, whoever it belongs to: the caller compares userId.
   */
  async insert(input: { userId: string; providerId: string; subject: string; email: string }): Promise<LinkedIdentity> {
    const rows: IdentityRow[] = await this.tx.manager.query(
      `INSERT INTO user_identities (id, user_id, provider_id, subject, email) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT "UQ_user_identities_provider_subject" DO NOTHING RETURNING ${COLUMNS}`,
      [randomUUID(), input.userId, input.providerId, input.subject, input.email],
    );
    if (rows[0]) return toIdentity(rows[0]);
    const existing = await this.find(input.providerId, input.subject);
    if (!existing) throw new Error('user identity vanished between insert and read');
    return existing;
  }

  async touchLogin(id: string): Promise<void> {
    await this.tx.manager.query(`UPDATE user_identities SET last_login_at = now() WHERE id = $1`, [id]);
  }

  /** Deletes the user's links to providers that do not own `domain`; returns what was removed. */
  async deleteWhereProviderDoesNotOwn(userId: string, domain: string): Promise<LinkedIdentity[]> {
    // A DELETE … RETURNING answers [rows, count] through TypeORM's pg driver.
    const [rows]: [IdentityRow[], number] = await this.tx.manager.query(
      `DELETE FROM user_identities ui WHERE ui.user_id = $1
         AND NOT EXISTS (SELECT 1 FROM identity_provider_domains d WHERE d.provider_id = ui.provider_id AND d.domain = $2)
       RETURNING ${COLUMNS}`,
      [userId, domain],
    );
    return rows.map(toIdentity);
  }

  async listForUser(userId: string): Promise<LinkedIdentity[]> {
    const rows: IdentityRow[] = await this.tx.manager.query(`SELECT ${COLUMNS} FROM user_identities WHERE user_id = $1 ORDER BY created_at, id`, [userId]);
    return rows.map(toIdentity);
  }
}
