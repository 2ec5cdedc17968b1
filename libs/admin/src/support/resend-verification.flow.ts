import { Injectable } from '@nestjs/common';
import { EmailVerificationSender, flowEvent } from '@identsphere/auth';
import type { AdminActor } from './admin-actor';
import { AdminSupportErrors } from './admin-support.errors';
import { SupportActionRunner } from './support-action-runner';

/**
 * Mails the account a fresh verification link (older links stop working), as signup does. An administrator
 * is not held to the per-address mail budget: the action is audited and counted instead.
 */
@Injectable()
export class ResendVerificationFlow {
  constructor(
    private readonly runner: SupportActionRunner,
    private readonly sender: EmailVerificationSender,
  ) {}

  resend(userId: string, by: AdminActor): Promise<void> {
    return this.runner.run('resend_verification', userId, by, async (user) => {
      if (user.emailVerified) throw AdminSupportErrors.emailAlreadyVerified();
      await this.sender.send(user);
      return { result: undefined, outcomes: [flowEvent('email_verification_resent', user.id)] };
    });
  }
}
