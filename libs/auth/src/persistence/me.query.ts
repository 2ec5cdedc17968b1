import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@identsphere/database';
import { User, userColumnsSql, userFromRow, UserErrors } from '@identsphere/users';
import type { LinkedIdentityResponse } from '../sso/dto/me.response';
import { enrolledFactorsSql } from './enrolled-factors.sql';

export interface MeRow {
  readonly user: User;
  /** The enrolled second factors, unordered (SignInStrategies orders them). */
  readonly enrolled: readonly string[];
  readonly identities: readonly LinkedIdentityResponse[];
}

/**
 * GET /v1/me in one round trip: the account, its enrolled second factors and its linked provider identities
 * (it was five: the user, one lookup per factor, the identities), the busiest authenticated read there is.
 */
@Injectable()
export class MeQuery {
  constructor(private readonly tx: TransactionHost) {}

  async of(userId: string): Promise<MeRow> {
    const [row] = await this.tx.manager.query(
      `SELECT ${userColumnsSql('u')}, ${enrolledFactorsSql('u.id')} AS enrolled,
         (SELECT coalesce(json_agg(json_build_object('providerId', i.provider_id, 'email', i.email, 'linkedAt', i.created_at) ORDER BY i.created_at, i.id), '[]')
            FROM user_identities i WHERE i.user_id = u.id) AS identities
         FROM users u WHERE u.id = $1`,
      [userId],
    );
    const user = row ? userFromRow(row) : null;
    if (!user) throw UserErrors.notFound();
    const identities = (row.identities as Array<{ providerId: string; email: string; linkedAt: string }>).map((i) => ({ ...i, linkedAt: new Date(i.linkedAt).toISOString() }));
    return { user, enrolled: row.enrolled as string[], identities };
  }
}
