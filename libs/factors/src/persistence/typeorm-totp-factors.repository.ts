import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@identsphere/database';
import { TotpFactor, TotpFactorsRepository } from './totp-factors.repository';

interface TotpFactorRow {
  readonly user_id: string;
  readonly secret_enc: string;
  readonly confirmed_at: Date | null;
}

@Injectable()
export class TypeOrmTotpFactorsRepository extends TotpFactorsRepository {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  async find(userId: string): Promise<TotpFactor | null> {
    const rows: TotpFactorRow[] = await this.tx.manager.query(`SELECT user_id, secret_enc, confirmed_at FROM totp_factors WHERE user_id = $1`, [userId]);
    return rows[0] ? toFactor(rows[0]) : null;
  }

  async savePending(userId: string, sealedSecret: string): Promise<boolean> {
    // The WHERE on the conflict branch leaves an active factor untouched (and returns no row), even when
    // a confirmation commits between the caller's check and this statement.
    const rows: unknown[] = await this.tx.manager.query(
      `INSERT INTO totp_factors (user_id, secret_enc) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret_enc = EXCLUDED.secret_enc, created_at = now(), last_used_step = -1
       WHERE totp_factors.confirmed_at IS NULL
       RETURNING user_id`,
      [userId, sealedSecret],
    );
    return rows.length === 1;
  }

  async activate(userId: string, step: number): Promise<boolean> {
    const [rows] = await this.tx.manager.query(
      `UPDATE totp_factors SET confirmed_at = now(), last_used_step = $2 WHERE user_id = $1 AND confirmed_at IS NULL RETURNING user_id`,
      [userId, step],
    );
    return rows.length === 1;
  }

  async spendStep(userId: string, step: number): Promise<boolean> {
    const [rows] = await this.tx.manager.query(
      `UPDATE totp_factors SET last_used_step = $2 WHERE user_id = $1 AND confirmed_at IS NOT NULL AND last_used_step < $2 RETURNING user_id`,
      [userId, step],
    );
    return rows.length === 1;
  }

  async delete(userId: string): Promise<boolean> {
    const [rows] = await this.tx.manager.query(`DELETE FROM totp_factors WHERE user_id = $1 RETURNING confirmed_at`, [userId]);
    return rows.some((row: { confirmed_at: Date | null }) => row.confirmed_at !== null);
  }
}

const toFactor = (row: TotpFactorRow): TotpFactor => ({ userId: row.user_id, sealedSecret: row.secret_enc, active: row.confirmed_at !== null });
