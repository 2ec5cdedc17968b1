import { Injectable, Logger } from '@nestjs/common';
import { ClientContext, CommonErrors } from '@identsphere/common';
import { Along, AlongRow, LoginThrottle, LoginTicket } from '@identsphere/rate-limit';
import { userColumnsSql, UserWithPasswordHash, userWithHashFromRow } from '@identsphere/users';
import { counted, FlowEvent, FlowOutcome, flowEvent, loginFailed } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { AuthErrors } from '../auth.errors';
import { enrolledFactorsSql } from '../persistence/enrolled-factors.sql';
import { SsoPolicy } from '../sso/sso-policy';

export type LoginFailureReason = 'unknown_account' | 'wrong_password' | 'password_too_long';

/** What checking the password found. */
export type LoginVerdict = { readonly ok: true; readonly user: UserWithPasswordHash } | { readonly ok: false; readonly userId: string | null; readonly reason: LoginFailureReason };

/** An attempt the throttles let through, with what the admission statement read for it. */
export interface AdmittedAttempt {
  readonly ticket: LoginTicket;
  /** The account the email names, with its hash; null when there is none. */
  readonly user: UserWithPasswordHash | null;
  /** The account's enrolled second factors (enrolledFactorsSql), for SignInStrategies.secondFactorsAmong. */
  readonly enrolledFactors: readonly string[];
}

/** A correct password: what the login's closing statement needs. */
export interface AdmittedLogin {
  readonly user: UserWithPasswordHash;
  readonly ticket: LoginTicket;
  readonly enrolledFactors: readonly string[];
}

/**
 * The throttling and audit half of password login, in as few round trips as the rules allow:
 * - admit(): one statement counts the IP window, takes the account's slot (or refuses) and reads the
 *   domain's SSO rule, the account with its hash and its second factors, all before any hash;
 * - a wrong password: one statement counts the failure (and maybe locks) with its audit row; failure events
 *   commit on their own (there is no change for them to join; a refused login must still leave its trace);
 * - a correct one: close() ends the streak in the same statement as the flow's own work (the session and its
 *   audit row, or the MFA challenge), so a successful login costs two round trips.
 */
@Injectable()
export class LoginAttempts {
  private readonly logger = new Logger('Login');

  constructor(
    private readonly throttle: LoginThrottle,
    private readonly outcomes: FlowOutcomes,
    private readonly ssoPolicy: SsoPolicy,
  ) {}

  /** Throws 403 sso_required for an SSO-only domain, 429 rate_limited (with Retry-After) for a throttled client or a locked account. */
  async admit(email: string, client: ClientContext, deviceToken: string | null): Promise<AdmittedAttempt> {
    const along: Along = {
      ctes: (bind) => `login_sso AS (${this.ssoPolicy.enforcingProviderSql(email, bind)}),
        login_user AS (SELECT ${userColumnsSql('u', { withPasswordHash: true })}, ${enrolledFactorsSql('u.id')} AS account_factors FROM users u WHERE u.email = ${bind(email)}::text),
        along_row AS (SELECT login_sso.*, login_user.* FROM (SELECT 1) AS one LEFT JOIN login_sso ON true LEFT JOIN login_user ON true)`,
    };
    // An SSO-only domain counts nothing: the answer is the same whoever asks, as often as they ask.
    const { admission, row } = await this.throttle.admitAlong({ email, ip: client.ip, deviceToken }, along, 'EXISTS (SELECT 1 FROM login_sso WHERE login_sso.sso_enforced)');
    if (!admission) {
      this.ssoPolicy.assertAllowedBy({ id: row.sso_provider_id as string, enforceSso: row.sso_enforced === true });
      throw new Error('the login admission counted nothing, yet the domain does not require SSO');
    }
    const user = userWithHashFromRow(row);
    if (admission.admitted) return { ticket: admission.ticket, user, enrolledFactors: (row.account_factors as string[] | null) ?? [] };
    const outcomes: FlowOutcome[] = [counted.login('throttled')];
    // The lock landed on an attempt (the slots were taken by in-flight ones): that attempt reports it.
    if (admission.lockedNow) outcomes.push(this.lockEvent(user?.id ?? null));
    await this.outcomes.record(outcomes, client);
    throw CommonErrors.rateLimited(admission.retryAfterSeconds);
  }

  /** Runs the password check for an admitted attempt; throws invalid_credentials on a wrong one. */
  async settle(attempt: AdmittedAttempt, client: ClientContext, check: () => Promise<LoginVerdict>): Promise<AdmittedLogin> {
    const verdict = await this.judged(attempt.ticket, check);
    if (!verdict.ok) {
      await this.fail(attempt.ticket, verdict, client);
      throw AuthErrors.invalidCredentials();
    }
    return { user: verdict.user, ticket: attempt.ticket, enrolledFactors: attempt.enrolledFactors };
  }

  /**
   * The correct password's bookkeeping in one statement: the streak ends, `events` (audit rows without
   * webhooks) and the flow's `along` work commit together. Answers the device token (this client now knows
   * the password) and along's row.
   */
  close(login: AdmittedLogin, events: readonly FlowEvent[], client: ClientContext, along: Along | null = null, sessionIdSql?: string): Promise<{ deviceToken: string; row: AlongRow }> {
    return this.throttle.succeededAlong(login.ticket, {
      ctes: (bind) => {
        const own = along ? [along.ctes(bind)] : ['along_row AS (SELECT 1 AS closed)'];
        const audit = this.outcomes.inStatement(events, client, bind, sessionIdSql).map((sql, i) => `login_event_${i} AS (${sql})`);
        return [...own, ...audit].join(',\n');
      },
    });
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
    const detail = { reason: verdict.reason, trusted_device: String(ticket.trustedDevice) };
    const failed = loginFailed(verdict.userId, detail);
    const { lockedNow } = await this.throttle.failedAlong(ticket, {
      ctes: (bind) => `login_event AS (${this.outcomes.inStatement([failed], client, bind)[0]}), along_row AS (SELECT 1 AS failed)`,
    });
    // The rare failure that locks the account also announces it (the login.locked webhook): its own writes.
    const events: FlowOutcome[] = [counted.login('invalid')];
    if (lockedNow) events.push(this.lockEvent(verdict.userId));
    await this.outcomes.record(events, client);
  }

  private lockEvent(userId: string | null): FlowOutcome {
    this.logger.warn(`login locked user=${userId ?? 'unknown'}`);
    return flowEvent('account_locked', userId);
  }
}
