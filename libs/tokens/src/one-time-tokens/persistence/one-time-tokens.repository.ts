import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TransactionHost } from '@identsphere/database';
import type { OneTimeTokenGrant, OneTimeTokenPurpose } from '../one-time-token';

export interface NewOneTimeToken {
  readonly userId: string;
  readonly purpose: OneTimeTokenPurpose;
  readonly digest: string;
  readonly email: string;
  readonly ttlSeconds: number;
  readonly sessionId: string | null;
}

/**
 * One-time tokens in explicit SQL, through the ambient transaction so a token and the mail carrying it
 * commit together. Expiry is judged by the database clock, the one clock every instance shares.
 */
@Injectable()
export class OneTimeTokensRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Stores the token, replacing any outstanding one of the same purpose for the user (one statement, race-free). */
  async replace(token: NewOneTimeToken): Promise<string> {
    const id = randomUUID();
    await this.tx.manager.query(
      `INSERT INTO one_time_tokens (id, user_id, purpose, digest, email, expires_at, session_id)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6), $7)
       ON CONFLICT (user_id, purpose) DO UPDATE
         SET id = EXCLUDED.id, digest = EXCLUDED.digest, email = EXCLUDED.email, expires_at = EXCLUDED.expires_at,
             session_id = EXCLUDED.session_id, created_at = now()`,
      [id, token.userId, token.purpose, token.digest, token.email, token.ttlSeconds, token.sessionId],
    );
    return id;
  }

  async findLive(purpose: OneTimeTokenPurpose, digest: string): Promise<OneTimeTokenGrant | null> {
    const rows = await this.tx.manager.query(
      `SELECT user_id, email, session_id FROM one_time_tokens WHERE digest = $1 AND purpose = $2 AND expires_at > now()`,
      [digest, purpose],
    );
    return rows[0] ? toGrant(rows[0]) : null;
  }

  /** Deletes and returns the live token: of two concurrent uses exactly one gets the grant. */
  async consumeLive(purpose: OneTimeTokenPurpose, digest: string): Promise<OneTimeTokenGrant | null> {
    const [rows] = await this.tx.manager.query(
      `DELETE FROM one_time_tokens WHERE digest = $1 AND purpose = $2 AND expires_at > now() RETURNING user_id, email, session_id`,
      [digest, purpose],
    );
    return rows?.[0] ? toGrant(rows[0]) : null;
  }

  async deleteForUser(userId: string, purposes: readonly OneTimeTokenPurpose[]): Promise<void> {
    await this.tx.manager.query(`DELETE FROM one_time_tokens WHERE user_id = $1 AND purpose = ANY($2::text[])`, [userId, purposes]);
  }
}

const toGrant = (row: { user_id: string; email: string; session_id: string | null }): OneTimeTokenGrant => ({
  userId: row.user_id,
  email: row.email,
  sessionId: row.session_id ?? null,
});
