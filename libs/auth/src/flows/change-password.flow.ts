import { Injectable } from '@nestjs/common';
import { Principal } from '@identsphere/common';
import { PasswordHasher, PasswordPolicy } from '@identsphere/crypto';
import { TransactionHost } from '@identsphere/database';
import { SessionsService } from '@identsphere/sessions';
import { UsersRepository } from '@identsphere/users';
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
  ) {}

  /** New password in force and every OTHER session revoked, atomically; the caller's session lives on. */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.confirmation.confirm(principal.userId, currentPassword);
    this.policy.assertAcceptable(newPassword, { email: user.email }, 'newPassword');
    const passwordHash = await this.hasher.hash(newPassword);
    await this.tx.run(async () => {
      await this.users.updatePasswordHash(user.id, passwordHash);
      await this.sessions.revokeAll(user.id, 'password_change', principal.sessionId);
    });
  }
}
