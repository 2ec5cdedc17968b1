import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@identsphere/database';

/** The `jti` of every back-channel logout token accepted, while a token of its age could still be accepted. */
@Injectable()
export class LogoutTokenReplayRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Remembers `jti` for the provider until `expiresAt`; false when it was already there (a replay). One
   * INSERT ... ON CONFLICT, so two instances receiving the same token at once accept it once. Joins the
   * ambient transaction: a logout that rolls back leaves its jti free for the provider's retry.
   */
  async remember(providerId: string, jti: string, expiresAt: Date): Promise<boolean> {
    // Old rows go as new ones come: no sweeper needed.
    await this.tx.manager.query(`DELETE FROM sso_logout_tokens WHERE expires_at < now()`);
    const rows = await this.tx.manager.query(
      `INSERT INTO sso_logout_tokens (provider_id, jti, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING jti`,
      [providerId, jti, expiresAt],
    );
    return rows.length > 0;
  }
}
