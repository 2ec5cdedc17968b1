import { Injectable } from '@nestjs/common';
import { ClientContext, isDomainError } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { PasswordHasher } from '@identsphere/crypto';
import { TransactionHost } from '@identsphere/database';
import { normalizeEmail, User } from '@identsphere/users';
import { counted, loginSucceeded } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { AuthErrors } from '../auth.errors';
import { SignInStrategies } from '../strategies/sign-in-strategies';
import type { SignInMethod } from '../strategies/sign-in-strategy';
import { AdmittedLogin, LoginAttempts } from './login-attempts';
import { MfaChallenges } from './mfa-challenges';
import { SsoPolicy } from '../sso/sso-policy';
import { SessionIssuer, SignedIn } from './session-issuer';

export interface PasswordSignIn extends SignedIn {
  readonly kind: 'signed-in';
  /** The device cookie's new value: this client now knows the password (anti-lockout, see LoginThrottle). */
  readonly deviceToken: string;
}

/** A correct password on an account with a second factor: no session yet, only the mfaToken for the next step. */
export interface MfaPending {
  readonly kind: 'mfa-required';
  readonly mfaToken: string;
  readonly methods: readonly SignInMethod[];
}

@Injectable()
export class LoginFlow {
  constructor(
    private readonly strategies: SignInStrategies,
    private readonly hasher: PasswordHasher,
    private readonly issuer: SessionIssuer,
    private readonly config: AppConfig,
    private readonly attempts: LoginAttempts,
    private readonly challenges: MfaChallenges,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
    private readonly ssoPolicy: SsoPolicy,
  ) {}

  /** `deviceToken`: the client's device cookie, if any (a known device is not locked out by strangers). */
  async login(input: { email: string; password: string }, client: ClientContext, deviceToken: string | null = null): Promise<PasswordSignIn | MfaPending> {
    try {
      // A storm beyond hashing capacity is refused before it costs any database work.
      this.hasher.assertCapacity();
      const email = normalizeEmail(input.email);
      await this.ssoPolicy.assertLocalSignInAllowed(email);
      // Throttles (client IP, account lock) before the hash: a throttled attempt costs no Argon2.
      const ticket = await this.attempts.admit(email, client, deviceToken);
      const admitted = await this.attempts.settle(ticket, client, () => this.strategies.password().identify(email, input.password));
      await this.assertMaySignIn(admitted.user, client);
      const methods = await this.strategies.secondFactorsOf(admitted.user.id);
      if (methods.length > 0) {
        const mfaToken = await this.challenges.issue(admitted.user.id, this.strategies.password().amr);
        await this.outcomes.record([counted.login('mfa_required')], client);
        return { kind: 'mfa-required', mfaToken, methods };
      }
      const signedIn = await this.signIn(admitted.user, client, admitted);
      return { ...signedIn, kind: 'signed-in', deviceToken: admitted.deviceToken };
    } catch (error) {
      if (isDomainError(error) && error.code === 'overloaded') await this.outcomes.record([counted.login('overloaded')], client);
      throw error;
    }
  }

  /** Only after a correct password: a stranger learns nothing about the account. */
  private async assertMaySignIn(user: User, client: ClientContext): Promise<void> {
    if (user.disabledAt) {
      await this.attempts.refused(user.id, 'account_disabled', 'disabled', client);
      throw AuthErrors.accountDisabled();
    }
    if (this.config.mail.requireVerifiedEmail && !user.emailVerified) {
      await this.attempts.refused(user.id, 'email_not_verified', 'unverified', client);
      throw AuthErrors.emailNotVerified();
    }
  }

  /** The session and its login_succeeded event commit together. */
  private async signIn(user: User, client: ClientContext, admitted: AdmittedLogin): Promise<SignedIn> {
    const started = await this.tx.run(async () => {
      const started = await this.issuer.startSession(user, client, this.strategies.password().amr);
      const detail = { method: 'password', trusted_device: String(admitted.trustedDevice) };
      await this.outcomes.record([loginSucceeded(user.id, started.session.id, detail), counted.login('success')], client);
      return started;
    });
    return this.issuer.withAccessToken(started);
  }
}
