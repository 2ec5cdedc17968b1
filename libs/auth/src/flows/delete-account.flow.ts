import { Injectable } from '@nestjs/common';
import { Principal } from '@identsphere/common';
import { UsersRepository } from '@identsphere/users';
import { PasswordConfirmation } from './password-confirmation';

@Injectable()
export class DeleteAccountFlow {
  constructor(
    private readonly confirmation: PasswordConfirmation,
    private readonly users: UsersRepository,
  ) {}

  /** The user row goes, and its sessions with it (ON DELETE CASCADE), so its access tokens die at once. */
  async deleteAccount(principal: Principal, password: string): Promise<void> {
    await this.confirmation.confirm(principal.userId, password);
    await this.users.delete(principal.userId);
  }
}
