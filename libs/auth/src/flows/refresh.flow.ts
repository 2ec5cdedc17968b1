import { Injectable } from '@nestjs/common';
import { ClientContext } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { Session, SessionErrors, SessionsService } from '@identsphere/sessions';
import { User, UsersRepository } from '@identsphere/users';
import { flowEvent } from '../events/flow-event';
import { FlowOutcomes } from '../events/flow-outcomes';
import { AuthMetrics } from '../auth-metrics';
import { AuthErrors } from '../auth.errors';
import { SessionIssuer, SignedIn } from './session-issuer';

export interface Refreshed extends SignedIn {
  /** 'grace': the just-replaced token came back in the grace window and got the same successor. */
  readonly kind: 'rotated' | 'grace';
}

@Injectable()
export class RefreshFlow {
  constructor(
    private readonly sessions: SessionsService,
    private readonly users: UsersRepository,
    private readonly issuer: SessionIssuer,
    private readonly metrics: AuthMetrics,
    private readonly outcomes: FlowOutcomes,
    private readonly config: AppConfig,
  ) {}

  async refresh(refreshToken: string | null, client: ClientContext): Promise<Refreshed> {
    const result = refreshToken ? await this.sessions.rotate(refreshToken, client) : ({ kind: 'invalid' } as const);
    switch (result.kind) {
      case 'invalid':
        this.metrics.refresh('invalid');
        throw SessionErrors.invalidToken();
      case 'revoked':
        this.metrics.refresh('revoked');
        throw SessionErrors.revoked();
      case 'expired':
        this.metrics.refresh('expired');
        throw SessionErrors.expired();
      case 'reused':
        this.metrics.refresh('reused');
        // After the revocation has committed (no rollback may undo it), so this event stands alone.
        await this.outcomes.record([flowEvent('refresh_token_reused', result.session.userId, result.session.id)], client);
        throw SessionErrors.reused();
    }
    const user = await this.accountThatMaySignIn(result.session);
    this.metrics.refresh(result.kind);
    const signedIn = await this.issuer.withAccessToken({ user, session: result.session, refreshToken: result.refreshToken });
    return { ...signedIn, kind: result.kind };
  }

  /**
   * The account behind a rotated session must still be allowed in, as at login: a disabled or deleted one
   * ends the session; an unverified one too when verification is required (a session from before the
   * flag was turned on must not outlast the rule for its whole lifetime).
   */
  private async accountThatMaySignIn(session: Session): Promise<User> {
    const user = await this.users.findById(session.userId);
    if (!user || user.disabledAt) {
      await this.sessions.revoke(session.id, 'account_disabled');
      this.metrics.refresh('revoked');
      throw SessionErrors.revoked();
    }
    if (this.config.mail.requireVerifiedEmail && !user.emailVerified) {
      await this.sessions.revoke(session.id, 'email_not_verified');
      this.metrics.refresh('revoked');
      throw AuthErrors.emailNotVerified();
    }
    return user;
  }
}
