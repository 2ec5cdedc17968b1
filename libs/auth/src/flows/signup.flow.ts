import { Injectable } from '@nestjs/common';
import { ClientContext } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { PasswordHasher, PasswordPolicy } from '@identsphere/crypto';
import { TransactionHost } from '@identsphere/database';
import { RateLimiter } from '@identsphere/rate-limit';
import { normalizeEmail, User, UsersRepository } from '@identsphere/users';
import { flowEvent } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { EmailVerificationSender } from './email-verification-sender';
import { SessionIssuer, SignedIn } from './session-issuer';
import { SsoPolicy } from '../sso/sso-policy';

export interface SignupInput {
  readonly email: string;
  readonly password: string;
  readonly displayName?: string | null;
}

export type SignupResult =
  | { readonly kind: 'signed-in'; readonly signedIn: SignedIn }
  /** IDENTSPHERE_REQUIRE_VERIFIED_EMAIL: the account exists, but no session until its address is verified. */
  | { readonly kind: 'verification-pending'; readonly user: User };

@Injectable()
export class SignupFlow {
  constructor(
    private readonly users: UsersRepository,
    private readonly policy: PasswordPolicy,
    private readonly hasher: PasswordHasher,
    private readonly issuer: SessionIssuer,
    private readonly tx: TransactionHost,
    private readonly verification: EmailVerificationSender,
    private readonly limiter: RateLimiter,
    private readonly outcomes: FlowOutcomes,
    private readonly config: AppConfig,
    private readonly ssoPolicy: SsoPolicy,
  ) {}

  async signup(input: SignupInput, client: ClientContext): Promise<SignupResult> {
    // Per client IP, before any hashing: signups from one source are bounded like login attempts are.
    const { ipMaxAttempts, ipWindowSeconds } = this.config.throttling;
    await this.limiter.consume('signup-ip', client.ip, { max: ipMaxAttempts, windowSeconds: ipWindowSeconds });
    const email = normalizeEmail(input.email);
    await this.ssoPolicy.assertLocalSignInAllowed(email);
    this.policy.assertAcceptable(input.password, { email, displayName: input.displayName });
    // Hash before the transaction opens: a connection is never held while waiting for Argon2.
    const passwordHash = await this.hasher.hash(input.password);
    // Login refuses unverified accounts in this mode; a session from signup would be a way around that.
    const withSession = !this.config.mail.requireVerifiedEmail;
    const { user, started } = await this.tx.run(async () => {
      const user = await this.users.create({ email, passwordHash, displayName: input.displayName?.trim() || null });
      // The verification mail commits with the account: no account without its mail, no mail for a rolled-back account.
      await this.verification.send(user);
      const started = withSession ? await this.issuer.startSession(user, client, ['pwd']) : null;
      await this.outcomes.record([flowEvent('signup', user.id, started?.session.id ?? null)], client);
      return { user, started };
    });
    if (!started) return { kind: 'verification-pending', user };
    return { kind: 'signed-in', signedIn: await this.issuer.withAccessToken(started) };
  }
}
