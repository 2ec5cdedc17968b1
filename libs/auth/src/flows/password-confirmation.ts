import { Injectable } from '@nestjs/common';
import { CommonErrors } from '@identsphere/common';
import { PasswordHasher } from '@identsphere/crypto';
import { UserWithPasswordHash, UsersRepository } from '@identsphere/users';
import { AuthErrors } from '../auth.errors';

/** Re-authentication for sensitive account changes: the signed-in user proves they know the password. */
@Injectable()
export class PasswordConfirmation {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async confirm(userId: string, password: string): Promise<UserWithPasswordHash> {
    const user = await this.users.findById(userId, { withPasswordHash: true });
    if (!user) throw CommonErrors.unauthorized(true);
    const { ok } = await this.hasher.verify(user.passwordHash, password);
    if (!ok) throw AuthErrors.invalidCredentials();
    return user;
  }
}
