import { randomInt } from 'node:crypto';
import type { ClientContext, Principal } from '@identsphere/common';
import { PasswordHasher } from '@identsphere/crypto';
import { LoginThrottle, RateLimiter } from '@identsphere/rate-limit';
import { IssuedSession, SessionsService } from '@identsphere/sessions';
import { OneTimeTokenPurpose, OneTimeTokensService } from '@identsphere/tokens';
import { normalizeEmail, User, UsersRepository } from '@identsphere/users';
import { MAIL_RECIPIENT_LIMIT } from '@identsphere/auth';
import { strongPassword, uniqueEmail } from '../auth-factories';
import type { MediumModule } from './medium-module';

/**
 * Data for medium tests, written straight through the repositories and services (never through the flow
 * under test), so a test states its starting point in one line and the flow is the only thing it exercises.
 */

export interface RegisteredUser {
  readonly user: User;
  readonly email: string;
  readonly password: string;
}

/** A client of its own (a documentation-range IP), so no test spends another's per-IP budget. */
export function aClient(): ClientContext {
  return { ip: `198.51.100.${randomInt(1, 255)}`, userAgent: 'medium-test' };
}

/** An account with a known password; its address is verified unless said otherwise. */
export async function registeredUser(m: MediumModule, options: { verified?: boolean; displayName?: string } = {}): Promise<RegisteredUser> {
  const email = uniqueEmail();
  const password = strongPassword();
  const passwordHash = await m.get(PasswordHasher).hash(password);
  const users = m.get(UsersRepository);
  const created = await users.create({ email, passwordHash, displayName: options.displayName ?? null });
  const user = options.verified === false ? created : ((await users.markEmailVerified(created.id)) ?? created);
  return { user, email, password };
}

/** A live password session of the user, as a login would have started it. */
export function signedInSession(m: MediumModule, user: User, client: ClientContext = aClient()): Promise<IssuedSession> {
  return m.get(SessionsService).start(user.id, client, ['pwd']);
}

/** Who the auth guard would say is calling, for flows that act on the caller's own account. */
export function principalOf(user: User, { session }: IssuedSession): Principal {
  const { email, emailVerified, roles } = user;
  return { userId: user.id, sessionId: session.id, email, emailVerified, roles, amr: session.amr, authTime: session.authTime, acr: session.acr };
}

/** A pending link of this purpose, as if just mailed (change-email: to `email`, the requested address). */
export function pendingLink(m: MediumModule, user: User, purpose: OneTimeTokenPurpose, email = user.email): Promise<string> {
  return m.get(OneTimeTokensService).issue(purpose, user.id, email);
}

/** Whether a link still works, read without using it up. */
export async function linkWorks(m: MediumModule, purpose: OneTimeTokenPurpose, token: string): Promise<boolean> {
  return (await m.get(OneTimeTokensService).find(purpose, token)) !== null;
}

/** The ids of the user's live sessions. */
export async function liveSessionIds(m: MediumModule, userId: string): Promise<string[]> {
  return (await m.get(SessionsService).list(userId)).map((s) => s.id);
}

/** Fails password logins for the address until the login throttle locks it (IDENTSPHERE_LOGIN_MAX_FAILURES). */
export async function lockedOutOfLogin(m: MediumModule, email: string): Promise<void> {
  const throttle = m.get(LoginThrottle);
  const attempt = { email: normalizeEmail(email), ip: aClient().ip, deviceToken: null };
  for (let i = 0; i <= m.config.throttling.loginMaxFailures; i++) {
    const admission = await throttle.admit(attempt);
    if (!admission.admitted) return;
    await throttle.failed(admission.ticket);
  }
  throw new Error('the login throttle never locked the account');
}

/** Whether a password login for the address would be judged now (not refused by a lock). */
export async function loginAdmitted(m: MediumModule, email: string): Promise<boolean> {
  const throttle = m.get(LoginThrottle);
  const admission = await throttle.admit({ email: normalizeEmail(email), ip: aClient().ip, deviceToken: null });
  if (admission.admitted) await throttle.abandoned(admission.ticket);
  return admission.admitted;
}

/** Spends the address's mail budget, as a stranger asking for mail on the owner's behalf would. */
export async function spentMailBudget(m: MediumModule, email: string): Promise<void> {
  const limiter = m.get(RateLimiter);
  for (let i = 0; i < MAIL_RECIPIENT_LIMIT.max; i++) await limiter.attempt('mail-recipient', normalizeEmail(email), MAIL_RECIPIENT_LIMIT);
}
