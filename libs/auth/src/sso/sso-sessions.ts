import { Injectable } from '@nestjs/common';
import type { ClientContext, DomainError } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { TransactionHost } from '@identsphere/database';
import { SessionsService } from '@identsphere/sessions';
import type { User } from '@identsphere/users';
import { AuthErrors } from '../auth.errors';
import { counted, flowEvent } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { SessionIssuer, SignedIn } from '../flows/session-issuer';
import { SsoRefusal } from './sso.errors';

/** The end of every SSO login: the same account checks as a password login, then a session tied to the provider's. */
@Injectable()
export class SsoSessions {
  constructor(
    private readonly issuer: SessionIssuer,
    private readonly sessions: SessionsService,
    private readonly outcomes: FlowOutcomes,
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
  ) {}

  /** Why this account may not sign in now (as a password login would refuse it), or null. */
  refusalOf(user: User): SsoRefusal | null {
    if (user.disabledAt) return new SsoRefusal('account_disabled', 'disabled', user.id);
    if (this.config.mail.requireVerifiedEmail && !user.emailVerified) return new SsoRefusal('email_not_verified', 'unverified', user.id);
    return null;
  }

  /** The JSON endpoints (exchange, link) answer such a refusal with the problem a password login gives. */
  problemOf(refusal: SsoRefusal): DomainError {
    return refusal.failure === 'account_disabled' ? AuthErrors.accountDisabled() : AuthErrors.emailNotVerified();
  }

  /** The session, its link to the provider's session (back-channel logout) and the audit row commit together. */
  async start(user: User, providerId: string, amr: readonly string[], idpSid: string | null, client: ClientContext): Promise<SignedIn> {
    const started = await this.tx.run(async () => {
      const started = await this.issuer.startSession(user, client, amr);
      await this.sessions.attachIdp(started.session.id, providerId, idpSid);
      const detail = { provider: providerId, amr: amr.join(' ') };
      await this.outcomes.record([flowEvent('sso_login_succeeded', user.id, started.session.id, detail), counted.ssoLogin('success')], client);
      return started;
    });
    return this.issuer.withAccessToken(started);
  }
}
