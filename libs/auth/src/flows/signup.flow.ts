import { Injectable } from '@nestjs/common';
import { ClientContext } from '@identsphere/common';
import { PasswordHasher, PasswordPolicy } from '@identsphere/crypto';
import { TransactionHost } from '@identsphere/database';
import { normalizeEmail, UsersRepository } from '@identsphere/users';
import { SessionIssuer, SignedIn } from './session-issuer';

export interface SignupInput {
  readonly email: string;
  readonly password: string;
  readonly displayName?: string | null;
}

@Injectable()
export class SignupFlow {
  constructor(
    private readonly users: UsersRepository,
    private readonly policy: PasswordPolicy,
    private readonly hasher: PasswordHasher,
    private readonly issuer: SessionIssuer,
    private readonly tx: TransactionHost,
  ) {}

  async signup(input: SignupInput, client: ClientContext): Promise<SignedIn> {
    const email = normalizeEmail(input.email);
    this.policy.assertAcceptable(input.password, { email });
    // Hash before the transaction opens: a connection is never held while waiting for Argon2.
    const passwordHash = await this.hasher.hash(input.password);
    const started = await this.tx.run(async () => {
      const user = await this.users.create({ email, passwordHash, displayName: input.displayName?.trim() || null });
      return this.issuer.startSession(user, client, ['pwd']);
    });
    return this.issuer.withAccessToken(started);
  }
}
