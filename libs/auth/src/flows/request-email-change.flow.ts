import { Injectable } from '@nestjs/common';
import { ClientContext, Principal } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { OneTimeTokensService } from '@identsphere/tokens';
import { mailTo } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { normalizeEmail, UserErrors, UsersRepository } from '@identsphere/users';
import { MailThrottle } from './mail-throttle';
import { PasswordConfirmation } from './password-confirmation';

@Injectable()
export class RequestEmailChangeFlow {
  constructor(
    private readonly throttle: MailThrottle,
    private readonly confirmation: PasswordConfirmation,
    private readonly users: UsersRepository,
    private readonly tokens: OneTimeTokensService,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
  ) {}

  /**
   * Mails a confirmation link to the new address; the account's email changes only when it is confirmed,
   * and only while the requesting session lives. The old address hears of it now, not after the move: by
   * then an intruder with a phished password would already own the account.
   */
  async request(principal: Principal, newEmail: string, password: string, client: ClientContext): Promise<void> {
    const address = normalizeEmail(newEmail);
    await this.throttle.admit(address, client);
    const user = await this.confirmation.confirm(principal.userId, password);
    if (address === user.email || (await this.users.findByEmail(address))) throw UserErrors.emailTaken();
    await this.tx.run(async () => {
      const token = await this.tokens.issue('change-email', user.id, address, { sessionId: principal.sessionId });
      const link = mailTo({ kind: 'change-email', to: address, token });
      const warning = mailTo({ kind: 'email-change-requested', to: user.email, newEmail: address });
      await this.outcomes.record([link, warning], client);
    });
  }
}
