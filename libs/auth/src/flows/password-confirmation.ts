import { Injectable } from '@nestjs/common';
import { CommonErrors } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { PasswordHasher } from '@identsphere/crypto';
import { RateLimit, RateLimiter } from '@identsphere/rate-limit';
import { UserWithPasswordHash, UsersRepository } from '@identsphere/users';
import { AuthErrors } from '../auth.errors';

const FAILURES_BUCKET = 'password-confirm-failures';

/**
 * Re-authentication for sensitive account changes: the signed-in user proves they know the password.
 * Wrong passwords are throttled per user (IDENTSPHERE_LOGIN_MAX_FAILURES per IDENTSPHERE_IP_WINDOW), so a
 * stolen access token is no unthrottled password oracle; checked before the hash, successes never count.
 */
@Injectable()
export class PasswordConfirmation {
  private readonly failureLimit: RateLimit;

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    config: AppConfig,
  ) {
    this.failureLimit = { max: config.throttling.loginMaxFailures, windowSeconds: config.throttling.ipWindowSeconds };
  }

  async confirm(userId: string, password: string): Promise<UserWithPasswordHash> {
    const user = await this.users.findById(userId, { withPasswordHash: true });
    if (!user) throw CommonErrors.unauthorized(true);
    const budget = await this.limiter.peek(FAILURES_BUCKET, userId, this.failureLimit);
    if (!budget.allowed) throw CommonErrors.rateLimited(budget.retryAfterSeconds);
    const { ok } = await this.hasher.verify(user.passwordHash, password);
    if (!ok) {
      await this.limiter.attempt(FAILURES_BUCKET, userId, this.failureLimit);
      throw AuthErrors.invalidCredentials();
    }
    return user;
  }
}
