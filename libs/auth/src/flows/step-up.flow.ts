import { Injectable } from '@nestjs/common';
import { ClientContext, CommonErrors, Principal } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { Session, SessionsService } from '@identsphere/sessions';
import { IssuedAccessToken } from '@identsphere/tokens';
import { UsersRepository } from '@identsphere/users';
import { flowEvent } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { AuthErrors } from '../auth.errors';
import { combinedAmr } from '../strategies/assurance';
import type { SignInProof } from '../strategies/sign-in-strategy';
import { ProofVerifier } from './proof-verifier';
import { SessionIssuer } from './session-issuer';

export interface SteppedUp extends IssuedAccessToken {
  readonly session: Session;
  /** Only for a step-up with a recovery code: how many unused ones are left. */
  readonly recoveryCodesRemaining?: number;
}

/**
 * Re-authentication inside a live session: the proof goes through the registry like a login's, and the
 * session records the new auth_time and assurance, so the refreshed access tokens keep them. The refresh
 * token is untouched. A second factor makes the session 'mfa' (it already holds the first); the password
 * alone gives 'pwd', never more, so a stolen access token plus a password cannot satisfy an MFA step-up.
 */
@Injectable()
export class StepUpFlow {
  constructor(
    private readonly proofs: ProofVerifier,
    private readonly sessions: SessionsService,
    private readonly users: UsersRepository,
    private readonly issuer: SessionIssuer,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
  ) {}

  async stepUp(principal: Principal, method: string, proof: SignInProof, client: ClientContext): Promise<SteppedUp> {
    const result = await this.proofs.verify('step_up', principal.userId, method, proof, client);
    if (!result.ok) throw result.strategy.secondFactor ? AuthErrors.invalidCode() : AuthErrors.invalidCredentials();
    const acr = await this.assuranceAfter(principal, result.strategy.secondFactor, result.amr);
    const amr = combinedAmr(principal.amr, result.amr);
    const session = await this.tx.run(async () => {
      const session = await this.sessions.reauthenticate(principal.sessionId, principal.userId, { amr, acr });
      if (!session) throw CommonErrors.unauthorized(true);
      await this.outcomes.record([flowEvent('step_up', principal.userId, session.id, { method: result.strategy.id })], client);
      return session;
    });
    const user = await this.users.findById(principal.userId);
    if (!user) throw CommonErrors.unauthorized(true);
    const remaining = result.recoveryCodesRemaining;
    return { ...(await this.issuer.mintAccessToken(user, session)), session, ...(remaining === undefined ? {} : { recoveryCodesRemaining: remaining }) };
  }

  /** An enrol-only session leaves that state only by proving a second factor, never by the password again. */
  private async assuranceAfter(principal: Principal, secondFactor: boolean, amr: readonly string[]): Promise<string> {
    if (secondFactor) return 'mfa';
    if (principal.acr === 'enrol') return 'enrol';
    return this.issuer.assuranceFor(principal.userId, amr);
  }
}
