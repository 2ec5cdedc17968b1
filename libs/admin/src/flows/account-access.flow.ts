import { Injectable } from '@nestjs/common';
import { adminEvent, DisableAccountFlow, FlowOutcomes } from '@identsphere/auth';
import { TransactionHost } from '@identsphere/database';
import { User, UserErrors, UsersRepository } from '@identsphere/users';
import { AdminMetrics } from '../admin-metrics';
import { AdminActor } from './admin-actor';
import { AdminSafeguards } from './admin-safeguards';

/** Disables and enables accounts on an administrator's behalf. */
@Injectable()
export class AccountAccessFlow {
  constructor(
    private readonly safeguards: AdminSafeguards,
    private readonly disableAccount: DisableAccountFlow,
    private readonly users: UsersRepository,
    private readonly outcomes: FlowOutcomes,
    private readonly metrics: AdminMetrics,
    private readonly tx: TransactionHost,
  ) {}

  /**
   * The domain operation is DisableAccountFlow's (sessions revoked, pending links voided, account_disabled
   * recorded), run inside this transaction after the safeguards, with the actor on the event.
   */
  disable(targetId: string, request: { reason: string; until?: Date }, by: AdminActor): Promise<User> {
    return this.tx.run(async () => {
      await this.safeguards.mayRemoveAccess(by.actorId, targetId);
      const user = await this.disableAccount.disable(targetId, { ...request, by: by.client, actorId: by.actorId });
      this.metrics.countAfterCommit('disable');
      return user;
    });
  }

  /** Clears the disable (also a temporary one); enabling an enabled account changes nothing and records nothing. */
  enable(targetId: string, by: AdminActor): Promise<User> {
    return this.tx.run(async () => {
      const before = await this.safeguards.existing(targetId);
      const user = await this.users.markEnabled(targetId);
      if (!user) throw UserErrors.notFound();
      if (before.disabledAt) {
        await this.outcomes.record([adminEvent('account_enabled', targetId, by.actorId)], by.client);
        this.metrics.countAfterCommit('enable');
      }
      return user;
    });
  }
}
