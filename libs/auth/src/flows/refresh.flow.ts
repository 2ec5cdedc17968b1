import { Injectable } from '@nestjs/common';
import { ClientContext } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { ROTATED, RotationRead, Session, SessionErrors, SessionsService } from '@identsphere/sessions';
import { User, userColumnsSql, userFromRow, UsersRepository } from '@identsphere/users';
import { counted, flowEvent, RefreshOutcome } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { AuthErrors } from '../auth.errors';
import { enrolledFactorsSql } from '../persistence/enrolled-factors.sql';
import { SignInStrategies } from '../strategies/sign-in-strategies';
import type { SignInMethod } from '../strategies/sign-in-strategy';
import { SessionIssuer, SignedIn } from './session-issuer';

export interface Refreshed extends SignedIn {
  /** 'grace': the just-replaced token came back in the grace window and got the same successor. */
  readonly kind: 'rotated' | 'grace';
}

/** What the new access token needs about the session's owner, read by the rotation statement itself. */
const OWNER: RotationRead = {
  joins: `LEFT JOIN users u ON u.id = ${ROTATED}.user_id`,
  columns: `${userColumnsSql('u')}, ${enrolledFactorsSql(`${ROTATED}.user_id`)} AS account_factors`,
};

/** One round trip for a refresh: the rotation reads the owner and their second factors in the same statement. */
@Injectable()
export class RefreshFlow {
  constructor(
    private readonly sessions: SessionsService,
    private readonly users: UsersRepository,
    private readonly issuer: SessionIssuer,
    private readonly outcomes: FlowOutcomes,
    private readonly config: AppConfig,
    private readonly strategies: SignInStrategies,
  ) {}

  async refresh(refreshToken: string | null, client: ClientContext): Promise<Refreshed> {
    const result = refreshToken ? await this.sessions.rotate(refreshToken, client, OWNER) : ({ kind: 'invalid' } as const);
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
    // The grace case read no owner (its rotation had already happened): one lookup more, rarely.
    const owner = result.read ? userFromRow(result.read) : await this.users.findById(result.session.userId);
    const user = await this.accountThatMaySignIn(result.session, owner, client);
    const factors: SignInMethod[] | undefined = result.read ? this.strategies.secondFactorsAmong((result.read.account_factors as string[] | null) ?? []) : undefined;
    await this.outcomes.record([counted.refresh(result.kind)], client);
    const signedIn = await this.issuer.withAccessToken({ user, session: result.session, refreshToken: result.refreshToken }, factors);
    return { ...signedIn, kind: result.kind };
  }

  /**
   * The account behind a rotated session must still be allowed in, as at login: a disabled or deleted one
   * ends the session; an unverified one too when verification is required (a session from before the
   * flag was turned on must not outlast the rule for its whole lifetime).
   */
  private async accountThatMaySignIn(session: Session, user: User | null, client: ClientContext): Promise<User> {
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
