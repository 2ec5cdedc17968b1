import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@identsphere/database';
import { RecoveryCodesRepository } from './recovery-codes.repository';

@Injectable()
export class TypeOrmRecoveryCodesRepository extends RecoveryCodesRepository {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  async replace(userId: string, digests: readonly string[]): Promise<void> {
    await this.tx.run(async () => {
      await this.deleteAll(userId);
      await this.tx.manager.query(
        `INSERT INTO recovery_codes (id, user_id, digest) SELECT gen_random_uuid(), $1, d FROM unnest($2::text[]) AS d`,
        [userId, digests],
      );
    });
  }

  async consume(userId: string, digest: string): Promise<boolean> {
    const [rows] = await this.tx.manager.query(`DELETE FROM recovery_codes WHERE user_id = $1 AND digest = $2 RETURNING id`, [userId, digest]);
    return rows.length === 1;
  }

  async count(userId: string): Promise<number> {
    const rows: Array<{ n: number }> = await this.tx.manager.query(`SELECT count(*)::int AS n FROM recovery_codes WHERE user_id = $1`, [userId]);
    return rows[0].n;
  }

  async deleteAll(userId: string): Promise<void> {
    await this.tx.manager.query(`DELETE FROM recovery_codes WHERE user_id = $1`, [userId]);
  }
}
