import { Injectable } from '@nestjs/common';
import { ClientContext } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { SessionsService } from '@identsphere/sessions';
import { OneTimeTokensService } from '@identsphere/tokens';
import { User, UserErrors, UsersRepository } from '@identsphere/users';
import { flowEvent } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { ADDRESS_GRANTS } from './address-grants';

/** Who disabled the account and why; `reason` is a short operator note, never a secret. */
export interface DisableRequest {
  readonly reason: string;
  readonly by?: ClientContext;
  /** The administrator's user id or machine client id, recorded as the event's actor. */
  readonly actorId?: string;
  /** A temporary disable: the account counts as enabled again from this moment. Absent: until enabled. */
  readonly until?: Date;
}

/**
 * Shuts an account out at once, as one transaction: disabled_at set, every session revoked (refresh dies),
 * pending links voided (no address change, verification or reset can act on it), and the event recorded.
 * Access tokens already issued die with the sessions: the guard's liveness check requires an enabled user.
 */
@Injectable()
export class DisableAccountFlow {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly tokens: OneTimeTokensService,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
  ) {}

  disable(userId: string, request: DisableRequest): Promise<User> {
    return this.tx.run(async () => {
      const user = await this.users.markDisabled(userId, request.until ?? null);
      if (!user) throw UserErrors.notFound();
      const revoked = await this.sessions.revokeAll(userId, 'account_disabled');
      await this.tokens.revoke(userId, [...ADDRESS_GRANTS, 'reset-password']);
      const detail = { reason: request.reason, sessions_revoked: String(revoked.length), ...(request.until ? { until: request.until.toISOString() } : {}) };
      const event = flowEvent('account_disabled', userId, null, detail);
      await this.outcomes.record([request.actorId ? { ...event, actorId: request.actorId } : event], request.by);
      return user;
    });
  }
}
