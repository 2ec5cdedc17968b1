import { Injectable } from '@nestjs/common';
import { ClientContext } from '@identsphere/common';
import { PasswordHasher, PasswordPolicy } from '@identsphere/crypto';
import { TransactionHost } from '@identsphere/database';
import { UserIdentities } from '@identsphere/identities';
import { LoginThrottle } from '@identsphere/rate-limit';
import { SessionsService } from '@identsphere/sessions';
import { OneTimeTokensService } from '@identsphere/tokens';
import { User, UsersRepository } from '@identsphere/users';
import { flowEvent, mailTo } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { AuthErrors } from '../auth.errors';
import { ADDRESS_GRANTS } from './address-grants';
import { BootstrapAdmin } from './bootstrap-admin';

@Injectable()
export class ResetPasswordFlow {
  constructor(
    private readonly tokens: OneTimeTokensService,
    private readonly users: UsersRepository,
    private readonly policy: PasswordPolicy,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
    private readonly loginThrottle: LoginThrottle,
    private readonly identities: UserIdentities,
    private readonly bootstrapAdmin: BootstrapAdmin,
  ) {}

  /**
   * The token is checked before the password policy, and used up only together with the new password, so a
   * reset refused as weak_password leaves the link working. Every session ends, pending address changes
   * are voided and a notice is mailed.
   */
  async reset(token: string, newPassword: string, client: ClientContext): Promise<void> {
    const user = await this.userOf(token);
    this.policy.assertAcceptable(newPassword, { email: user.email, displayName: user.displayName }, 'newPassword');
    // Hash before the transaction opens: a connection is never held while waiting for Argon2.
    const passwordHash = await this.hasher.hash(newPassword);
    await this.tx.run(async () => {
      if (!(await this.tokens.consume('reset-password', token))) throw AuthErrors.invalidToken();
      await this.users.updatePasswordHash(user.id, passwordHash);
      // Following the mailed link proves the address is the user's.
      if (!user.emailVerified) {
        const verified = await this.users.markEmailVerified(user.id);
        if (verified) await this.bootstrapAdmin.onVerified(verified, client);
      }
      await this.tokens.revoke(user.id, ['reset-password', ...ADDRESS_GRANTS]);
      await this.sessions.revokeAll(user.id, 'password_reset');
      const unlinked = await this.identities.unlinkProvidersNotOwning(user.id, user.email);
      const unlinkEvents = unlinked.map((identity) => flowEvent('identity_unlinked', user.id, null, { provider: identity.providerId, reason: 'password_reset' }));
      await this.outcomes.record([flowEvent('password_reset', user.id), ...unlinkEvents, mailTo({ kind: 'password-changed', to: user.email })], client);
    });
    // The owner proved control of the mailbox: even a permanent login lock (100 straight failures) ends here.
    await this.loginThrottle.clearLock(user.email);
  }

  private async userOf(token: string): Promise<User> {
    const grant = await this.tokens.find('reset-password', token);
    const user = grant ? await this.users.findById(grant.userId) : null;
    // A link mailed to an address the account no longer has must not reset it.
    if (!grant || !user || user.email !== grant.email) throw AuthErrors.invalidToken();
    return user;
  }
}
