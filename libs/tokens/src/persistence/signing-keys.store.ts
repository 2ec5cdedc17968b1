import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@identsphere/database';

export interface StoredSigningKey {
  readonly kid: string;
  readonly algorithm: string;
  readonly publicJwk: Record<string, unknown>;
  readonly privateKeyEnc: string;
  readonly retiredAt: Date | null;
}

@Injectable()
export class SigningKeysStore {
  constructor(private readonly tx: TransactionHost) {}

  /** The active key and the retired ones whose tokens may still be unexpired. Active first. */
  async listUsable(algorithm: string, retiredWithinSeconds: number): Promise<StoredSigningKey[]> {
    const rows = await this.tx.manager.query(
      `SELECT kid, algorithm, public_jwk, private_key_enc, retired_at FROM signing_keys
       WHERE algorithm = $1 AND (retired_at IS NULL OR retired_at > now() - make_interval(secs => $2))
       ORDER BY retired_at DESC NULLS FIRST, created_at DESC`,
      [algorithm, retiredWithinSeconds],
    );
    return rows.map((r: Record<string, unknown>) => ({
      kid: r.kid as string,
      algorithm: r.algorithm as string,
      publicJwk: r.public_jwk as Record<string, unknown>,
      privateKeyEnc: r.private_key_enc as string,
      retiredAt: r.retired_at as Date | null,
    }));
  }

  /** Inserts an active key unless another instance won the race (at most one active key per algorithm). */
  async insertActiveIfNone(key: Omit<StoredSigningKey, 'retiredAt'>): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO signing_keys (kid, algorithm, public_jwk, private_key_enc) VALUES ($1, $2, $3, $4)
       ON CONFLICT (algorithm) WHERE retired_at IS NULL DO NOTHING`,
      [key.kid, key.algorithm, JSON.stringify(key.publicJwk), key.privateKeyEnc],
    );
  }

  /** Retires the active key and installs the new one, atomically. */
  async rotate(key: Omit<StoredSigningKey, 'retiredAt'>): Promise<void> {
    await this.tx.run(async () => {
      await this.tx.manager.query(`UPDATE signing_keys SET retired_at = now() WHERE algorithm = $1 AND retired_at IS NULL`, [key.algorithm]);
      await this.insertActiveIfNone(key);
    });
  }
}
