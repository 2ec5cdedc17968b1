import { Injectable } from '@nestjs/common';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { ClientContext } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { TransactionHost } from '@identsphere/database';
import { PasskeyAuthenticationService, PasskeyErrors } from '@identsphere/factors';
import { User, UsersRepository } from '@identsphere/users';
import { counted, LoginOutcome, loginFailed, loginSucceeded } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { AuthErrors } from '../auth.errors';
import { SsoPolicy } from '../sso/sso-policy';
import { SessionIssuer, SignedIn } from './session-issuer';

/**
 * Passwordless sign-in with a discoverable passkey. The assertion carries user verification (PIN or
 * biometrics on the authenticator) over a key the user possesses, so it is multi-factor by itself: its amr
 * is the passkey's own ('hwk' device-bound, 'swk' synced) plus RFC 8176's 'mfa', hence acr 'mfa'.
 */
@Injectable()
export class PasskeySignInFlow {
  constructor(
    private readonly authentication: PasskeyAuthenticationService,
    private readonly users: UsersRepository,
    private readonly issuer: SessionIssuer,
    private readonly config: AppConfig,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
    private readonly ssoPolicy: SsoPolicy,
  ) {}

  async options() {
    return this.authentication.options(null);
  }

  async signIn(assertion: AuthenticationResponseJSON, client: ClientContext): Promise<SignedIn> {
    const verdict = await this.authentication.verify(assertion, { purpose: 'authentication', userId: null });
    if (!verdict.ok) return this.refuse(verdict.userId, `passkey_${verdict.reason}`, client, PasskeyErrors.rejected());
    const user = await this.users.findById(verdict.userId);
    if (!user) return this.refuse(null, 'passkey_unknown_account', client, PasskeyErrors.rejected());
    if (user.disabledAt) return this.refuse(user.id, 'account_disabled', client, AuthErrors.accountDisabled(), 'disabled');
    if (this.config.mail.requireVerifiedEmail && !user.emailVerified) return this.refuse(user.id, 'email_not_verified', client, AuthErrors.emailNotVerified(), 'unverified');
    const ssoRequired = await this.ssoPolicy.assertLocalSignInAllowed(user.email).catch((error: Error) => error);
    if (ssoRequired) return this.refuse(user.id, 'sso_required', client, ssoRequired);
    return this.startSession(user, client, [verdict.amr, 'mfa'], verdict.passkeyId);
  }

  /** The session and its login_succeeded event commit together. */
  private async startSession(user: User, client: ClientContext, amr: readonly string[], passkeyId: string): Promise<SignedIn> {
    const started = await this.tx.run(async () => {
      const started = await this.issuer.startSession(user, client, amr);
      const detail = { method: 'webauthn', factor_id: passkeyId };
      await this.outcomes.record([loginSucceeded(user.id, started.session.id, detail), counted.login('success')], client);
      return started;
    });
    return this.issuer.withAccessToken(started);
  }

  private async refuse(userId: string | null, reason: string, client: ClientContext, error: Error, outcome: LoginOutcome = 'invalid'): Promise<never> {
    await this.outcomes.record([loginFailed(userId, { method: 'webauthn', reason }), counted.login(outcome)], client);
    throw error;
  }
}
