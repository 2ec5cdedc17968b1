import { Injectable } from '@nestjs/common';
import type { ClientContext } from '@identsphere/common';
import { sha256Digest } from '@identsphere/crypto';
import { TransactionHost } from '@identsphere/database';
import { UserIdentities } from '@identsphere/identities';
import type { User } from '@identsphere/users';
import { AuthErrors } from '../auth.errors';
import { flowEvent } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { PasswordConfirmation } from '../flows/password-confirmation';
import { ProofVerifier } from '../flows/proof-verifier';
import type { SignedIn } from '../flows/session-issuer';
import { SignInStrategies } from '../strategies/sign-in-strategies';
import { ClaimedSsoLink, SsoLoginsRepository } from './persistence/sso-logins.repository';
import { SsoSessions } from './sso-sessions';
import { SsoErrors } from './sso.errors';

export interface SsoLinkInput {
  readonly linkToken: string;
  readonly password: string;
  /** Required when the account has a second factor: linking must prove as much as a login would. */
  readonly method?: string;
  readonly code?: string;
}

/**
 * POST /v1/auth/sso/link: the owner of an existing account links the provider identity an SSO login
 * asserted, by proving the account's password (and its second factor, if it has one: otherwise a known
 * password alone would open a way around the account's MFA). Then the SSO session starts. The link token is
 * spent by the first attempt, right or wrong; password and codes are throttled per account as for step-up.
 */
@Injectable()
export class SsoLinkFlow {
  constructor(
    private readonly logins: SsoLoginsRepository,
    private readonly passwords: PasswordConfirmation,
    private readonly proofs: ProofVerifier,
    private readonly strategies: SignInStrategies,
    private readonly identities: UserIdentities,
    private readonly sessions: SsoSessions,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
  ) {}

  async link(input: SsoLinkInput, client: ClientContext): Promise<SignedIn> {
    const claimed = await this.logins.claimLink(sha256Digest(input.linkToken));
    if (!claimed) throw SsoErrors.invalidLink();
    const user = await this.passwords.confirm(claimed.userId, input.password);
    await this.proveSecondFactor(user.id, input, client);
    const refusal = this.sessions.refusalOf(user);
    if (refusal) throw this.sessions.problemOf(refusal);
    return this.tx.run(async () => {
      if (!(await this.identities.find(claimed.providerId, claimed.subject))) await this.linkIdentity(user, claimed, client);
      return this.sessions.start(user, claimed.providerId, claimed.amr, claimed.idpSid, client);
    });
  }

  private async proveSecondFactor(userId: string, input: SsoLinkInput, client: ClientContext): Promise<void> {
    const factors = await this.strategies.secondFactorsOf(userId);
    if (factors.length === 0) return;
    if (!input.method || !factors.some((factor) => factor === input.method)) throw AuthErrors.methodNotAvailable(factors);
    const result = await this.proofs.verify('mfa', userId, input.method, { code: input.code }, client);
    if (!result.ok) throw AuthErrors.invalidCode();
  }

  private async linkIdentity(user: User, claimed: ClaimedSsoLink, client: ClientContext): Promise<void> {
    const identity = await this.identities.link({ userId: user.id, providerId: claimed.providerId, subject: claimed.subject, email: claimed.email });
    await this.identities.recordLogin(identity.id);
    await this.outcomes.record([flowEvent('identity_linked', user.id, null, { provider: claimed.providerId, via: 'password' })], client);
  }
}
