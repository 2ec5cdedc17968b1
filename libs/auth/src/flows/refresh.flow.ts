import { Injectable } from '@nestjs/common';
import { ClientContext } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { Session, SessionErrors, SessionsService } from '@identsphere/sessions';
import { User, UsersRepository } from '@identsphere/users';
import { counted, flowEvent, RefreshOutcome } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
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
    private readonly outcomes: FlowOutcomes,
    private readonly config: AppConfig,
  ) {}

  async refresh(refreshToken: string | null, client: ClientContext): Promise<Refreshed> {
    const result = refreshToken ? await this.sessions.rotate(refreshToken, client) : ({ kind: 'invalid' } as const);
    switch (result.kind) {
      case 'invalid':
        return this.refuse('invalid', SessionErrors.invalidToken(), client);
      case 'revoked':
        return this.refuse('revoked', SessionErrors.revoked(), client);
      case 'expired':
        return this.refuse('expired', SessionErrors.expired(), client);
      case 'reused':
        // After the revocation has committed (no rollback may undo it), so this event stands alone.
        await this.outcomes.record([flowEvent('refresh_token_reused', result.session.userId, result.session.id)], client);
        return this.refuse('reused', SessionErrors.reused(), client);
    }
    const user = await this.accountThatMaySignIn(result.session, client);
    await this.outcomes.record([counted.refresh(result.kind)], client);
    const signedIn = await this.issuer.withAccessToken({ user, session: result.session, refreshToken: result.refreshToken });
    return { ...signedIn, kind: result.kind };
  }

  /**
   * The account behind a rotated session must still be allowed in, as at login: a disabled or deleted one
   * ends the session; an unverified one too when verification is required (a session from before the
   * flag was turned on must not outlast the rule for its whole lifetime).
   */
  private async accountThatMaySignIn(session: Session, client: ClientContext): Promise<User> {
    const user = await this.users.findById(session.userId);
    if (!user || user.disabledAt) {
      await this.sessions.revoke(session.id, 'account_disabled');
      return this.refuse('revoked', SessionErrors.revoked(), client);
    }
    if (this.config.mail.requireVerifiedEmail && !user.emailVerified) {
      await this.sessions.revoke(session.id, 'email_not_verified');
      return this.refuse('revoked', AuthErrors.emailNotVerified(), client);
    }
    return user;
  }

  private async refuse(outcome: RefreshOutcome, error: Error, client: ClientContext): Promise<never> {
    await this.outcomes.record([counted.refresh(outcome)], client);
    throw error;
  }
}
