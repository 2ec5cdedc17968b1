import { Injectable } from '@nestjs/common';
import { ClientContext, Principal } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { UsersRepository } from '@identsphere/users';
import { flowEvent } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { PasswordConfirmation } from './password-confirmation';

@Injectable()
export class DeleteAccountFlow {
  constructor(
    private readonly confirmation: PasswordConfirmation,
    private readonly users: UsersRepository,
    private readonly tx: TransactionHost,
    private readonly outcomes: FlowOutcomes,
  ) {}

  /**
   * The user row goes, and its sessions with it (ON DELETE CASCADE), so its access tokens die at once.
   * The account_deleted event commits with the deletion and outlives the user (the log has no foreign key).
   */
  async deleteAccount(principal: Principal, password: string, client: ClientContext): Promise<void> {
    await this.confirmation.confirm(principal.userId, password);
    await this.tx.run(async () => {
      await this.users.delete(principal.userId);
      await this.outcomes.record([flowEvent('account_deleted', principal.userId, principal.sessionId)], client);
    });
  }
}
