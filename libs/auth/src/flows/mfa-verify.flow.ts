import { Injectable } from '@nestjs/common';
import { ClientContext } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { User, UsersRepository } from '@identsphere/users';
import { counted, loginSucceeded } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { AuthErrors } from '../auth.errors';
import type { ClaimedMfaChallenge } from '../persistence/mfa-challenges.repository';
import { combinedAmr } from '../strategies/assurance';
import type { SignInProof } from '../strategies/sign-in-strategy';
import { MfaChallenges } from './mfa-challenges';
import { ProofVerifier } from './proof-verifier';
import { SessionIssuer, SignedIn } from './session-issuer';

export interface MfaVerifyInput extends SignInProof {
  readonly mfaToken: string;
  readonly method: string;
}

/**
 * The second step of a login: the mfaToken is claimed first (so the same token verified twice at once
 * proceeds once), the proof is checked through the registry, and a wrong one hands the token back with
 * one more failure. Only a right one starts the session.
 */
@Injectable()
export class MfaVerifyFlow {
  constructor(
    private readonly challenges: MfaChallenges,
    private readonly proofs: ProofVerifier,
    private readonly users: UsersRepository,
    private readonly issuer: SessionIssuer,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
  ) {}

  async verify(input: MfaVerifyInput, client: ClientContext): Promise<SignedIn> {
    const challenge = await this.challenges.claim(input.mfaToken);
    if (!challenge) throw AuthErrors.invalidMfaToken();
    const { method, amr, recoveryCodesRemaining } = await this.provenOrReleased(challenge, input, client);
    const user = await this.users.findById(challenge.userId);
    // Disabled (or deleted) between the two steps: the same answer as a disabled account's password.
    if (!user || user.disabledAt) throw AuthErrors.accountDisabled();
    const signedIn = await this.signIn(user, client, combinedAmr(challenge.amr, amr), method);
    return recoveryCodesRemaining === undefined ? signedIn : { ...signedIn, recoveryCodesRemaining };
  }

  private async provenOrReleased(challenge: ClaimedMfaChallenge, input: MfaVerifyInput, client: ClientContext): Promise<{ method: string; amr: readonly string[]; recoveryCodesRemaining?: number }> {
    let result;
    try {
      result = await this.proofs.verify('mfa', challenge.userId, input.method, { code: input.code, assertion: input.assertion }, client);
    } catch (error) {
      // Nothing judged (unknown method, throttled, overloaded): the token stays as it was.
      await this.challenges.release(challenge, false);
      throw error;
    }
    if (!result.ok) {
      await this.challenges.release(challenge, true);
      throw AuthErrors.invalidCode();
    }
    return { method: result.strategy.id, amr: result.amr, recoveryCodesRemaining: result.recoveryCodesRemaining };
  }

  /** The session and its login_succeeded event commit together. */
  private async signIn(user: User, client: ClientContext, amr: readonly string[], method: string): Promise<SignedIn> {
    const started = await this.tx.run(async () => {
      const started = await this.issuer.startSession(user, client, amr);
      await this.outcomes.record([loginSucceeded(user.id, started.session.id, { method }), counted.login('success')], client);
      return started;
    });
    return this.issuer.withAccessToken(started);
  }
}
