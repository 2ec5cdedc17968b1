import { Injectable } from '@nestjs/common';
import { ClientContext } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { OneTimeTokensService } from '@identsphere/tokens';
import { User, UsersRepository } from '@identsphere/users';
import { flowEvent } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { AuthErrors } from '../auth.errors';
import { BootstrapAdmin } from './bootstrap-admin';

@Injectable()
export class ConfirmEmailVerificationFlow {
  constructor(
    private readonly tokens: OneTimeTokensService,
    private readonly users: UsersRepository,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
    private readonly bootstrapAdmin: BootstrapAdmin,
  ) {}

  /** Uses the token up and marks the address verified; the next access token says `email_verified: true`. */
  confirm(token: string, client: ClientContext): Promise<User> {
    return this.tx.run(async () => {
      const grant = await this.tokens.consume('verify-email', token);
      const user = grant ? await this.users.findById(grant.userId) : null;
      // A link mailed to an address the account no longer has proves nothing about the current one.
      if (!grant || !user || user.email !== grant.email) throw AuthErrors.invalidToken();
      if (user.emailVerified) return user;
      const verified = await this.users.markEmailVerified(user.id);
      if (!verified) throw AuthErrors.invalidToken();
      await this.outcomes.record([flowEvent('email_verified', user.id)], client);
      return this.bootstrapAdmin.onVerified(verified, client);
    });
  }
}
