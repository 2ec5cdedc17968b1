import { Injectable } from '@nestjs/common';
import { AppConfig } from '@identsphere/config';
import { buildLink } from '@identsphere/mail';
import { OneTimeTokensService } from '@identsphere/tokens';
import type { User } from '@identsphere/users';

/** A set-password link, handed out once (never stored: only the token's digest is). */
export interface ResetLink {
  readonly url: string;
  readonly expiresAt: Date;
}

/**
 * Issues a `reset-password` token for the account and builds the link the way mails do
 * (IDENTSPHERE_LINK_URL_TEMPLATE), so the SPA's reset page handles it unchanged. Any older reset link of the
 * account stops working. Joins the caller's transaction.
 */
@Injectable()
export class ResetLinkIssuer {
  constructor(
    private readonly tokens: OneTimeTokensService,
    private readonly config: AppConfig,
  ) {}

  async issue(user: User): Promise<ResetLink> {
    const token = await this.tokens.issue('reset-password', user.id, user.email);
    // The row's own expiry is set by the database clock from the same TTL; this is what the holder is told.
    const expiresAt = new Date(Date.now() + this.config.mail.resetTokenTtlSeconds * 1000);
    return { url: buildLink(this.config.mail.linkUrlTemplate, 'reset-password', token), expiresAt };
  }
}
