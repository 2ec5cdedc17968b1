import { Injectable, Logger } from '@nestjs/common';
import { isDomainError } from '@identsphere/common';
import { codePointLength, PASSWORD_MAX_LENGTH, PasswordHasher } from '@identsphere/crypto';
import { UserWithPasswordHash, UsersRepository } from '@identsphere/users';
import type { LoginVerdict } from '../flows/login-attempts';
import { PasswordConfirmation } from '../flows/password-confirmation';
import type { SignInAttempt, SignInStrategy, StrategyVerdict } from './sign-in-strategy';

/**
 * The first factor. Two entry points: `identify` is login's check (the account is named by email, equal
 * work whether or not it exists; login's own throttle counts it), `verify` is the strategy contract for a
 * known user (step-up), throttled per user by PasswordConfirmation.
 */
@Injectable()
export class PasswordStrategy implements SignInStrategy {
  readonly id = 'password' as const;
  readonly amr = ['pwd'] as const;
  readonly secondFactor = false;
  private readonly logger = new Logger('Login');

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly confirmation: PasswordConfirmation,
  ) {}

  async isEnrolled(): Promise<boolean> {
    return true;
  }

  /** Throws 429 rate_limited / 503 overloaded (not verdicts: nothing was judged); a wrong password is a verdict. */
  async verify(attempt: SignInAttempt): Promise<StrategyVerdict> {
    try {
      await this.confirmation.confirm(attempt.userId, attempt.proof.password ?? '');
      return { ok: true };
    } catch (error) {
      if (isDomainError(error) && error.code === 'invalid_credentials') return { ok: false, reason: 'wrong_password' };
      throw error;
    }
  }

  /** Equal work whether or not the account exists; then upgrade an outdated hash while we hold the password. */
  async identify(email: string, password: string): Promise<LoginVerdict> {
    return this.check(await this.users.findByEmail(email, { withPasswordHash: true }), password);
  }

  /** identify() for an account the caller already read (login reads it in its admission statement). */
  async check(user: UserWithPasswordHash | null, password: string): Promise<LoginVerdict> {
    // No stored password can be this long (signup refuses it), so refuse without spending a hash.
    if (codePointLength(password.normalize('NFKC')) > PASSWORD_MAX_LENGTH) return { ok: false, userId: user?.id ?? null, reason: 'password_too_long' };
    // Verify against a dummy hash so latency does not reveal which emails exist.
    const result = user ? await this.hasher.verify(user.passwordHash, password) : await this.hasher.verifyDummy(password);
    if (!user) return { ok: false, userId: null, reason: 'unknown_account' };
    if (!result.ok) return { ok: false, userId: user.id, reason: 'wrong_password' };
    if (result.needsRehash) await this.rehash(user, password);
    return { ok: true, user };
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
}
