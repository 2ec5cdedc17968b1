import { Injectable } from '@nestjs/common';
import { ClientContext, Principal } from '@identsphere/common';
import { PasswordHasher, PasswordPolicy } from '@identsphere/crypto';
import { TransactionHost } from '@identsphere/database';
import { SessionsService } from '@identsphere/sessions';
import { OneTimeTokensService } from '@identsphere/tokens';
import { UsersRepository } from '@identsphere/users';
import { flowEvent, mailTo } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { ADDRESS_GRANTS } from './address-grants';
import { PasswordConfirmation } from './password-confirmation';

@Injectable()
export class ChangePasswordFlow {
  constructor(
    private readonly confirmation: PasswordConfirmation,
    private readonly policy: PasswordPolicy,
    private readonly hasher: PasswordHasher,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly tx: TransactionHost,
    private readonly oneTimeTokens: OneTimeTokensService,
    private readonly outcomes: FlowOutcomes,
  ) {}

  /** New password in force and every OTHER session revoked, atomically; the caller's session lives on. */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string, client: ClientContext): Promise<void> {
    const user = await this.confirmation.confirm(principal.userId, currentPassword);
    this.policy.assertAcceptable(newPassword, { email: user.email, displayName: user.displayName }, 'newPassword');
    const passwordHash = await this.hasher.hash(newPassword);
    await this.tx.run(async () => {
      await this.users.updatePasswordHash(user.id, passwordHash);
      const revoked = await this.sessions.revokeAll(user.id, 'password_change', principal.sessionId);
      const detail = { sessions_revoked: String(revoked.length) };
      // A reset link mailed before the change must not undo it, nor a pending address change hand the account over.
      await this.oneTimeTokens.revoke(user.id, ['reset-password', ...ADDRESS_GRANTS]);
      await this.outcomes.record([flowEvent('password_changed', user.id, principal.sessionId, detail), mailTo({ kind: 'password-changed', to: user.email })], client);
    });
  }
}
