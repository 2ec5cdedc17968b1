import { Injectable, Logger } from '@nestjs/common';
import { ClientContext, CommonErrors } from '@identsphere/common';
import { LoginThrottle, LoginTicket } from '@identsphere/rate-limit';
import { UserWithPasswordHash, UsersRepository } from '@identsphere/users';
import { counted, FlowOutcome, flowEvent, loginFailed } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { AuthErrors } from '../auth.errors';

export type LoginFailureReason = 'unknown_account' | 'wrong_password' | 'password_too_long';

/** What checking the password found. */
export type LoginVerdict = { readonly ok: true; readonly user: UserWithPasswordHash } | { readonly ok: false; readonly userId: string | null; readonly reason: LoginFailureReason };

export interface AdmittedLogin {
  readonly user: UserWithPasswordHash;
  /** For the device cookie: this client proved it knows the account's password. */
  readonly deviceToken: string;
  readonly trustedDevice: boolean;
}

/**
 * The throttling and audit half of password login: admission before any hash (IP window, account lock),
 * then the verdict's bookkeeping (failure streak, lock, events). Failure events commit on their own:
 * there is no change for them to join, and a refused login must still leave its trace.
 */
@Injectable()
export class LoginAttempts {
  private readonly logger = new Logger('Login');

  constructor(
    private readonly throttle: LoginThrottle,
    private readonly outcomes: FlowOutcomes,
    private readonly users: UsersRepository,
  ) {}

  /** Throws 429 rate_limited (with Retry-After) for a throttled client or a locked account. */
  async admit(email: string, client: ClientContext, deviceToken: string | null): Promise<LoginTicket> {
    const admission = await this.throttle.admit({ email, ip: client.ip, deviceToken });
    if (admission.admitted) return admission.ticket;
    const outcomes: FlowOutcome[] = [counted.login('throttled')];
    if (admission.lockedNow) {
      // The lock landed on an attempt (the slots were taken by in-flight ones): that attempt reports it.
      const user = await this.users.findByEmail(email);
      outcomes.push(this.lockEvent(user?.id ?? null));
    }
    await this.outcomes.record(outcomes, client);
    throw CommonErrors.rateLimited(admission.retryAfterSeconds);
  }

  /** Runs the password check for an admitted attempt; throws invalid_credentials on a wrong one. */
  async settle(ticket: LoginTicket, client: ClientContext, check: () => Promise<LoginVerdict>): Promise<AdmittedLogin> {
    const verdict = await this.judged(ticket, check);
    if (!verdict.ok) {
      await this.fail(ticket, verdict, client);
      throw AuthErrors.invalidCredentials();
    }
    const { deviceToken } = await this.throttle.succeeded(ticket);
    return { user: verdict.user, deviceToken, trustedDevice: ticket.trustedDevice };
  }

  /** A correct password that may still not sign in (disabled, unverified): worth a trace in the user's log. */
  async refused(userId: string, reason: string, outcome: 'disabled' | 'unverified', client: ClientContext): Promise<void> {
    await this.outcomes.record([loginFailed(userId, { reason }), counted.login(outcome)], client);
  }

  private async judged(ticket: LoginTicket, check: () => Promise<LoginVerdict>): Promise<LoginVerdict> {
    try {
      return await check();
    } catch (error) {
      // Never judged (e.g. 503 overloaded): give the slot back rather than count a failure.
      await this.throttle.abandoned(ticket).catch((e: Error) => this.logger.warn(`login slot not released: ${e.message}`));
      throw error;
    }
  }

  private async fail(ticket: LoginTicket, verdict: Extract<LoginVerdict, { ok: false }>, client: ClientContext): Promise<void> {
    const { lockedNow } = await this.throttle.failed(ticket);
    const detail = { reason: verdict.reason, trusted_device: String(ticket.trustedDevice) };
    const events: FlowOutcome[] = [loginFailed(verdict.userId, detail), counted.login('invalid')];
    if (lockedNow) events.push(this.lockEvent(verdict.userId));
    await this.outcomes.record(events, client);
  }

  private lockEvent(userId: string | null): FlowOutcome {
    this.logger.warn(`login locked user=${userId ?? 'unknown'}`);
    return flowEvent('account_locked', userId);
  }
}
