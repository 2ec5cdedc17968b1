import { Injectable } from '@nestjs/common';
import { CommonErrors } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { PasswordHasher } from '@identsphere/crypto';
import { RateLimit, RateLimiter } from '@identsphere/rate-limit';
import { UserWithPasswordHash, UsersRepository } from '@identsphere/users';
import { AuthErrors } from '../auth.errors';

const ATTEMPTS_BUCKET = 'password-confirm-attempts';

/**
 * Re-authentication for sensitive account changes: the signed-in user proves they know the password.
 * Attempts are throttled per user (IDENTSPHERE_LOGIN_MAX_FAILURES per IDENTSPHERE_IP_WINDOW), so a stolen
 * access token is no unthrottled password oracle. Like login, an attempt takes its slot in one atomic
 * statement BEFORE the hash: checking first and counting after let concurrent guesses all pass the check.
 */
@Injectable()
export class PasswordConfirmation {
  private readonly attemptLimit: RateLimit;

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    config: AppConfig,
  ) {
    this.attemptLimit = { max: config.throttling.loginMaxFailures, windowSeconds: config.throttling.ipWindowSeconds };
  }

  async confirm(userId: string, password: string): Promise<UserWithPasswordHash> {
    const user = await this.users.findById(userId, { withPasswordHash: true });
    if (!user) throw CommonErrors.unauthorized(true);
    // A storm beyond hashing capacity is refused before it spends a slot it would never use.
    this.hasher.assertCapacity();
    const slot = await this.limiter.attempt(ATTEMPTS_BUCKET, userId, this.attemptLimit);
    if (!slot.allowed) throw CommonErrors.rateLimited(slot.retryAfterSeconds);
    const { ok } = await this.hasher.verify(user.passwordHash, password);
    if (!ok) throw AuthErrors.invalidCredentials();
    // The owner proved the password: earlier misses (typos) no longer count against them.
    await this.limiter.reset(ATTEMPTS_BUCKET, userId);
    return user;
  }
}
