import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TransactionHost } from '@identsphere/database';

/** A pending second-factor login, claimed for one verification. */
export interface ClaimedMfaChallenge {
  readonly id: string;
  readonly userId: string;
  /** What the first step proved (['pwd']). */
  readonly amr: readonly string[];
}

export interface NewMfaChallenge {
  readonly userId: string;
  readonly digest: string;
  readonly amr: readonly string[];
  readonly ttlSeconds: number;
}

/**
 * Pending MFA logins in explicit SQL: a verification first claims the row in one conditional UPDATE
 * (`used_at` set), so two verifications of one mfaToken at once cannot both proceed; a wrong proof hands
 * the claim back with one more failure, a right one keeps it for good.
 */
@Injectable()
export class MfaChallengesRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * create() as CTE bodies, for a statement that issues the challenge along other work (login's password
   * step: the throttle reset and the challenge in one round trip).
   */
  static createSql(input: NewMfaChallenge, bind: (value: unknown) => string): string[] {
    const userId = bind(input.userId);
    return [
      `DELETE FROM mfa_challenges WHERE user_id = ${userId}::uuid AND expires_at < now()`,
      `INSERT INTO mfa_challenges (id, user_id, digest, amr, expires_at)
        VALUES (${bind(randomUUID())}::uuid, ${userId}::uuid, ${bind(input.digest)}::text, ${bind(input.amr)}::text[], now() + make_interval(secs => ${bind(input.ttlSeconds)}::integer))`,
    ];
  }

  async create(input: NewMfaChallenge): Promise<void> {
    // The user's expired rows go as new ones come: no sweeper needed for a table this small.
    await this.tx.manager.query(`DELETE FROM mfa_challenges WHERE user_id = $1 AND expires_at < now()`, [input.userId]);
    await this.tx.manager.query(
      `INSERT INTO mfa_challenges (id, user_id, digest, amr, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [randomUUID(), input.userId, input.digest, input.amr, input.ttlSeconds],
    );
  }

  /** Null when unknown, expired, claimed or used, or dead after `maxFailures` wrong proofs. */
  async claim(digest: string, maxFailures: number): Promise<ClaimedMfaChallenge | null> {
    const [rows] = await this.tx.manager.query(
      `UPDATE mfa_challenges SET used_at = now()
       WHERE digest = $1 AND used_at IS NULL AND failures < $2 AND expires_at > now() RETURNING id, user_id, amr`,
      [digest, maxFailures],
    );
    const row = rows?.[0];
    return row ? { id: row.id, userId: row.user_id, amr: row.amr } : null;
  }

  /** Hands the claim back; `failed` counts a wrong proof (at the limit the row stays claimable by nobody). */
  async release(id: string, failed: boolean): Promise<void> {
    await this.tx.manager.query(`UPDATE mfa_challenges SET used_at = NULL, failures = failures + $2 WHERE id = $1`, [id, failed ? 1 : 0]);
  }
}
