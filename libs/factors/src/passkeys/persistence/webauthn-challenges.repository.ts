import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TransactionHost } from '@identsphere/database';
import type { ChallengePurpose } from '../passkey';

/** The owner a spent challenge was issued to (null: a usernameless sign-in, anyone's passkey may answer). */
export interface SpentChallenge {
  readonly userId: string | null;
}

/**
 * Ceremony challenges in the database, so any instance can finish what another began. Expiry is judged by the
 * database clock, the one clock every instance shares.
 */
@Injectable()
export class WebAuthnChallengesRepository {
  constructor(private readonly tx: TransactionHost) {}

  async store(challenge: string, purpose: ChallengePurpose, userId: string | null, ttlSeconds: number): Promise<void> {
    // Anyone may ask for usernameless options, so each insert also sweeps a few long-dead rows: the table stays small.
    await this.tx.manager.query(
      `DELETE FROM webauthn_challenges WHERE id IN (SELECT id FROM webauthn_challenges WHERE expires_at < now() - interval '1 hour' LIMIT 20)`,
    );
    await this.tx.manager.query(
      `INSERT INTO webauthn_challenges (id, challenge, purpose, user_id, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [randomUUID(), challenge, purpose, userId, ttlSeconds],
    );
  }

  /** Marks the live challenge used and returns it: of two concurrent uses exactly one gets it. */
  async spend(challenge: string, purpose: ChallengePurpose): Promise<SpentChallenge | null> {
    const [rows] = await this.tx.manager.query(
      `UPDATE webauthn_challenges SET used_at = now()
       WHERE challenge = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
      [challenge, purpose],
    );
    return rows?.[0] ? { userId: rows[0].user_id ?? null } : null;
  }
}
