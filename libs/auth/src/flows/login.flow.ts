import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '@identsphere/audit';
import { ClientContext, isDomainError } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { codePointLength, PASSWORD_MAX_LENGTH, PasswordHasher } from '@identsphere/crypto';
import { TransactionHost } from '@identsphere/database';
import { normalizeEmail, User, UserWithPasswordHash, UsersRepository } from '@identsphere/users';
import { AuthMetrics } from '../auth-metrics';
import { AuthErrors } from '../auth.errors';
import { AdmittedLogin, LoginAttempts, LoginVerdict } from './login-attempts';
import { SessionIssuer, SignedIn } from './session-issuer';

export interface PasswordSignIn extends SignedIn {
  /** The device cookie's new value: this client now knows the password (anti-lockout, see LoginThrottle). */
  readonly deviceToken: string;
}

@Injectable()
export class LoginFlow {
  private readonly logger = new Logger('Login');

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly issuer: SessionIssuer,
    private readonly metrics: AuthMetrics,
    private readonly config: AppConfig,
    private readonly attempts: LoginAttempts,
    private readonly audit: AuditLog,
    private readonly tx: TransactionHost,
  ) {}

  /** `deviceToken`: the client's device cookie, if any (a known device is not locked out by strangers). */
  async login(input: { email: string; password: string }, client: ClientContext, deviceToken: string | null = null): Promise<PasswordSignIn> {
    try {
      // A storm beyond hashing capacity is refused before it costs any database work.
      this.hasher.assertCapacity();
      const email = normalizeEmail(input.email);
      // Throttles (client IP, account lock) before the hash: a throttled attempt costs no Argon2.
      const ticket = await this.attempts.admit(email, client, deviceToken);
      const admitted = await this.attempts.settle(ticket, client, () => this.verifyCredentials(email, input.password));
      const { user } = admitted;
      if (user.disabledAt) {
        this.metrics.login('disabled');
        await this.attempts.refused(user.id, 'account_disabled', client);
        throw AuthErrors.accountDisabled();
      }
      // Only after a correct password, like account_disabled: a stranger learns nothing about the account.
      if (this.config.mail.requireVerifiedEmail && !user.emailVerified) {
        this.metrics.login('unverified');
        await this.attempts.refused(user.id, 'email_not_verified', client);
        throw AuthErrors.emailNotVerified();
      }
      const signedIn = await this.signIn(user, client, admitted);
      this.metrics.login('success');
      return { ...signedIn, deviceToken: admitted.deviceToken };
    } catch (error) {
      if (isDomainError(error) && error.code === 'overloaded') this.metrics.login('overloaded');
      throw error;
    }
  }

  /** The session and its login_succeeded event commit together. */
  private async signIn(user: User, client: ClientContext, admitted: AdmittedLogin): Promise<SignedIn> {
    const started = await this.tx.run(async () => {
      const started = await this.issuer.startSession(user, client, ['pwd']);
      const detail = { method: 'password', trusted_device: String(admitted.trustedDevice) };
      await this.audit.record({ type: 'login_succeeded', userId: user.id, sessionId: started.session.id, ip: client.ip, userAgent: client.userAgent, detail });
      return started;
    });
    return this.issuer.withAccessToken(started);
  }

  /** Equal work whether or not the account exists; then upgrade an outdated hash while we hold the password. */
  private async verifyCredentials(email: string, password: string): Promise<LoginVerdict> {
    const user = await this.users.findByEmail(email, { withPasswordHash: true });
    // No stored password can be this long (signup refuses it), so refuse without spending a hash.
    if (codePointLength(password.normalize('NFKC')) > PASSWORD_MAX_LENGTH) return { ok: false, userId: user?.id ?? null, reason: 'password_too_long' };
    // Verify against a dummy hash so latency does not reveal which emails exist.
    const result = user ? await this.hasher.verify(user.passwordHash, password) : await this.hasher.verifyDummy(password);
    if (!user) return { ok: false, userId: null, reason: 'unknown_account' };
    if (!result.ok) return { ok: false, userId: user.id, reason: 'wrong_password' };
    if (result.needsRehash) await this.rehash(user, password);
    return { ok: true, user };
  }

  private async rehash(user: UserWithPasswordHash, password: string): Promise<void> {
    try {
      await this.users.updatePasswordHash(user.id, await this.hasher.hash(password));
      this.logger.log(`password re-hashed with current parameters user=${user.id}`);
    } catch (error) {
      // Best effort: an overloaded gate just postpones the upgrade to the next login.
      this.logger.warn(`re-hash postponed user=${user.id}: ${(error as Error).message}`);
    }
  }
}
