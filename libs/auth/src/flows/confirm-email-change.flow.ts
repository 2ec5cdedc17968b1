import { Injectable } from '@nestjs/common';
import { ClientContext } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { SessionsService } from '@identsphere/sessions';
import { OneTimeTokenGrant, OneTimeTokensService } from '@identsphere/tokens';
import { User, UsersRepository } from '@identsphere/users';
import { flowEvent, mailTo } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { AuthErrors } from '../auth.errors';
import { BootstrapAdmin } from './bootstrap-admin';

@Injectable()
export class ConfirmEmailChangeFlow {
  constructor(
    private readonly tokens: OneTimeTokensService,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
    private readonly bootstrapAdmin: BootstrapAdmin,
  ) {}

  /**
   * Moves the account to the confirmed address (verified, since the link reached it) and tells the old
   * address. Sessions stay alive. email_taken is checked again here: the address may have been taken since
   * the request; then nothing changes and the token stays usable.
   */
  confirm(token: string, client: ClientContext): Promise<User> {
    return this.tx.run(async () => {
      const grant = await this.tokens.consume('change-email', token);
      const before = grant && (await this.requesterStillSignedIn(grant)) ? await this.users.findById(grant.userId) : null;
      if (!grant || !before) throw AuthErrors.invalidToken();
      const user = await this.users.changeEmail(before.id, grant.email);
      if (!user) throw AuthErrors.invalidToken();
      // Links mailed to the old address must not act on the account any more.
      await this.tokens.revoke(user.id, ['verify-email', 'reset-password']);
      await this.outcomes.record([flowEvent('email_changed', user.id), mailTo({ kind: 'email-changed', to: before.email })], client);
      // The link reached the new address, which is now verified: it may be the bootstrap admin's.
      return this.bootstrapAdmin.onVerified(user, client);
    });
  }

  /**
   * The change is only as good as the session that asked for it: once the owner ends that session (or it
   * expires, or the account is disabled) the pending move is void. A grant without a session predates the
   * binding and is refused.
   */
  private async requesterStillSignedIn(grant: OneTimeTokenGrant): Promise<boolean> {
    return grant.sessionId !== null && (await this.sessions.isLive(grant.sessionId, grant.userId));
  }
}
