import { Injectable } from '@nestjs/common';
import { flowEvent } from '@identsphere/auth';
import type { AdminActor } from './admin-actor';
import { ResetLink, ResetLinkIssuer } from './reset-link-issuer';
import { SupportActionRunner } from './support-action-runner';

/**
 * A password-reset link for a support desk to hand to a user who cannot receive mail: answered once, never
 * mailed or logged. Using it is an ordinary reset (every session ends, the owner is notified).
 */
@Injectable()
export class PasswordResetLinkFlow {
  constructor(
    private readonly runner: SupportActionRunner,
    private readonly links: ResetLinkIssuer,
  ) {}

  create(userId: string, by: AdminActor): Promise<ResetLink> {
    return this.runner.run('password_reset_link', userId, by, async (user) => {
      const link = await this.links.issue(user);
      return { result: link, outcomes: [flowEvent('password_reset_link_created', user.id, null, { expires_at: link.expiresAt.toISOString() })] };
    });
  }
}
