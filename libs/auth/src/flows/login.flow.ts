import { Injectable } from '@nestjs/common';
import { ClientContext, isDomainError } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { PasswordHasher } from '@identsphere/crypto';
import { SessionRow } from '@identsphere/sessions';
import { normalizeEmail } from '@identsphere/users';
import { counted, loginFailed, loginSucceeded } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { AuthErrors } from '../auth.errors';
import { SignInStrategies } from '../strategies/sign-in-strategies';
import type { SignInMethod } from '../strategies/sign-in-strategy';
import { AdmittedLogin, LoginAttempts } from './login-attempts';
import { MfaChallenges } from './mfa-challenges';
import { NEW_SESSION_CTE, SessionIssuer, SignedIn } from './session-issuer';

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
  ) {}

  /**
   * `deviceToken`: the client's device cookie, if any (a known device is not locked out by strangers).
   * Two round trips to PostgreSQL besides the hash, whatever the outcome (see LoginAttempts).
   */
  async login(input: { email: string; password: string }, client: ClientContext, deviceToken: string | null = null): Promise<PasswordSignIn | MfaPending> {
    try {
      // A storm beyond hashing capacity is refused before it costs any database work.
      this.hasher.assertCapacity();
      const email = normalizeEmail(input.email);
      // SSO rule and throttles before the hash: a refused attempt costs no Argon2.
      const attempt = await this.attempts.admit(email, client, deviceToken);
      const admitted = await this.attempts.settle(attempt, client, () => this.strategies.password().check(attempt.user, input.password));
      await this.assertMaySignIn(admitted, client);
      const methods = this.strategies.secondFactorsAmong(admitted.enrolledFactors);
      if (methods.length > 0) {
        const { token, ctes } = this.challenges.issueSql(admitted.user.id, this.strategies.password().amr);
        await this.attempts.close(admitted, [], client, { ctes: (bind) => [...ctes(bind), 'along_row AS (SELECT 1 AS issued)'].join(',\n') });
        await this.outcomes.record([counted.login('mfa_required')], client);
        return { kind: 'mfa-required', mfaToken: token, methods };
      }
      return await this.signIn(admitted, client);
    } catch (error) {
      if (isDomainError(error) && error.code === 'overloaded') await this.outcomes.record([counted.login('overloaded')], client);
      throw error;
    }
  }

  /** Only after a correct password: a stranger learns nothing about the account. The streak ends all the same. */
  private async assertMaySignIn(admitted: AdmittedLogin, client: ClientContext): Promise<void> {
    const { user } = admitted;
    const refusal = user.disabledAt
      ? { reason: 'account_disabled', outcome: 'disabled' as const, error: AuthErrors.accountDisabled() }
      : this.config.mail.requireVerifiedEmail && !user.emailVerified
        ? { reason: 'email_not_verified', outcome: 'unverified' as const, error: AuthErrors.emailNotVerified() }
        : null;
    if (!refusal) return;
    await this.attempts.close(admitted, [loginFailed(user.id, { reason: refusal.reason })], client);
    await this.outcomes.record([counted.login(refusal.outcome)], client);
    throw refusal.error;
  }

  /** The session, its login_succeeded event and the end of the failure streak: one statement. */
  private async signIn(admitted: AdmittedLogin, client: ClientContext): Promise<PasswordSignIn> {
    const { user } = admitted;
    const amr = this.strategies.password().amr;
    const acr = this.issuer.assuranceGiven(amr, []);
    const succeeded = loginSucceeded(user.id, null, { method: 'password', trusted_device: String(admitted.ticket.trustedDevice) });
    const { deviceToken, row } = await this.attempts.close(
      admitted,
      [succeeded],
      client,
      { ctes: (bind) => `${NEW_SESSION_CTE} AS (${this.issuer.startSessionSql(user, client, amr, acr, bind)}), along_row AS (SELECT * FROM ${NEW_SESSION_CTE})` },
      `(SELECT id FROM ${NEW_SESSION_CTE})`,
    );
    await this.outcomes.record([counted.login('success')], client);
    const started = this.issuer.startedFrom(user, row as unknown as SessionRow);
    return { ...(await this.issuer.withAccessToken(started, [])), kind: 'signed-in', deviceToken };
  }
}
