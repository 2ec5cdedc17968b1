import { Injectable } from '@nestjs/common';
import { flowEvent } from '@identsphere/auth';
import { LoginThrottle } from '@identsphere/rate-limit';
import type { AdminActor } from './admin-actor';
import { SupportActionRunner } from './support-action-runner';

/**
 * Lifts the account's login locks, permanent ones (100 straight failures) included, for the account and its
 * trusted devices. Idempotent: clearing an account that is not locked changes nothing but is still recorded,
 * since the lock state is kept by digest and reading it back would cost a second lookup for no gain.
 */
@Injectable()
export class ClearLoginLockFlow {
  constructor(
    private readonly runner: SupportActionRunner,
    private readonly throttle: LoginThrottle,
  ) {}

  /** Throttle state lives outside transactions (its counts survive rollbacks), so this action has none. */
  async clear(userId: string, by: AdminActor): Promise<void> {
    const user = await this.runner.target(userId);
    await this.throttle.clearLock(user.email);
    await this.runner.record('clear_login_lock', by, { outcomes: [flowEvent('login_lock_cleared', user.id)] });
  }
}
