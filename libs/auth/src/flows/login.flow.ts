import { Injectable, Logger } from '@nestjs/common';
import { ClientContext, isDomainError } from '@identsphere/common';
import { codePointLength, PASSWORD_MAX_LENGTH, PasswordHasher } from '@identsphere/crypto';
import { AuthMetrics } from '@identsphere/observability';
import { normalizeEmail, UserWithPasswordHash, UsersRepository } from '@identsphere/users';
import { AuthErrors } from '../auth.errors';
import { SessionIssuer, SignedIn } from './session-issuer';

@Injectable()
export class LoginFlow {
  private readonly logger = new Logger('Login');

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly issuer: SessionIssuer,
    private readonly metrics: AuthMetrics,
  ) {}

  async login(input: { email: string; password: string }, client: ClientContext): Promise<SignedIn> {
    try {
      // A storm beyond hashing capacity is refused before it costs any database work.
      this.hasher.assertCapacity();
      const user = await this.verifyCredentials(normalizeEmail(input.email), input.password);
      if (user.disabledAt) {
        this.metrics.login('disabled');
        throw AuthErrors.accountDisabled();
      }
      const signedIn = await this.issuer.signIn(user, client, ['pwd']);
      this.metrics.login('success');
      return signedIn;
    } catch (error) {
      if (isDomainError(error) && error.code === 'overloaded') this.metrics.login('overloaded');
      throw error;
    }
  }

  /** Equal work whether or not the account exists; then upgrade an outdated hash while we hold the password. */
  private async verifyCredentials(email: string, password: string): Promise<UserWithPasswordHash> {
    // No stored password can be this long (signup refuses it), so refuse without spending a hash.
    if (codePointLength(password.normalize('NFKC')) > PASSWORD_MAX_LENGTH) throw this.invalid();
    const user = await this.users.findByEmail(email, { withPasswordHash: true });
    // Verify against a dummy hash so latency does not reveal which emails exist.
    const result = user ? await this.hasher.verify(user.passwordHash, password) : await this.hasher.verifyDummy(password);
    if (!user || !result.ok) throw this.invalid();
    if (result.needsRehash) await this.rehash(user, password);
    return user;
  }

  private async rehash(user: UserWithPasswordHash, password: string): Promise<void> {
    try {
      await this.users.updatePasswordHash(user.id, await this.hasher.hash(password));
      this.logger.log(`password re-hashed with current parameters user=${user.id}`);
    } catch (error) {
      // Best effort: an overloaded gate just postpones the upgrade to the next login.
      this.logger.warn(`re-hash postponed user=${user.id}: ${(error as Error).message}`);
    }
  }

  private invalid() {
    this.metrics.login('invalid');
    return AuthErrors.invalidCredentials();
  }
}
