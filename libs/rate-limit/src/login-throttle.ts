import { Injectable } from '@nestjs/common';
import { AppConfig } from '@identsphere/config';
import { DeviceTokens } from './device-tokens';
import type { Along, AlongRow } from './persistence/along';
import { IpWindow, LockPolicy, LoginLocksStore } from './persistence/login-locks.store';
import { toCounts } from './persistence/rate-limit-counters.store';
import { RateLimiter } from './rate-limiter';
import { decide } from './sliding-window';
import { SubjectDigest } from './subject-digest';

/** The first lock lasts a minute; each further lock in the same streak doubles it, up to 15 minutes. */
export const LOGIN_LOCK_BASE_SECONDS = 60;
export const LOGIN_LOCK_MAX_SECONDS = 900;
/**
 * NIST SP 800-63B caps consecutive failed attempts on an account at 100: from then on the lock no longer
 * re-arms every 15 minutes but holds until a password reset or an administrator clears it.
 */
export const PERMANENT_LOCK_AFTER_FAILURES = 100;
/** A streak with no attempt for a day is forgotten (and its row cleaned up), unless permanently locked. */
const STREAK_RETENTION_SECONDS = 86_400;
/** How long a device stays trusted after its last successful login for the account. */
export const DEVICE_TOKEN_LIFETIME_SECONDS = 30 * 86_400;
export const LOGIN_IP_BUCKET = 'login-ip';

export interface LoginAttempt {
  /** The normalised email, whether or not an account has it, so throttling reveals nothing. */
  readonly email: string;
  readonly ip: string;
  /** The device cookie the client sent, if any. */
  readonly deviceToken: string | null;
}

/** An admitted attempt; hand it back with the verdict. */
export interface LoginTicket {
  readonly subject: string;
  readonly accountDigest: string;
  readonly trustedDevice: boolean;
}

export type LoginAdmission =
  | { readonly admitted: true; readonly ticket: LoginTicket }
  | {
      readonly admitted: false;
      readonly reason: 'ip' | 'account';
      readonly retryAfterSeconds: number;
      /** This attempt set the account lock (exactly one attempt per lock sees true). */
      readonly lockedNow: boolean;
      /** The lock holds until cleared (clearLock), not until a time. */
      readonly permanent: boolean;
    };

/**
 * Brute-force throttling for password login, shared by all instances through PostgreSQL, checked before
 * the password hash so a throttled attempt costs no Argon2:
 * - per client IP: a sliding window of IDENTSPHERE_IP_MAX_ATTEMPTS per IDENTSPHERE_IP_WINDOW against
 *   password spraying (every attempt counts, whatever the account);
 * - per account: IDENTSPHERE_LOGIN_MAX_FAILURES consecutive failures lock it for 1 min, each further
 *   failure locks again for twice as long (capped at 15 min); a success resets; attempts during a lock
 *   neither count nor extend it; the correct password is refused while locked; after
 *   PERMANENT_LOCK_AFTER_FAILURES consecutive failures the lock holds until clearLock.
 * Anti-lockout: a client holding a device cookie from an earlier success for the account is judged on its
 * own streak (same rules, the permanent cap included), not the account-wide one, so strangers cannot lock
 * out the owner's devices, not even permanently. The cap still bounds every guesser: strangers share the
 * account's 100, and a device cookie is only issued after a correct password on that device.
 */
@Injectable()
export class LoginThrottle {
  private readonly policy: LockPolicy;
  private readonly ipLimit: { readonly max: number; readonly windowSeconds: number };
  private readonly devices: DeviceTokens;

  constructor(
    config: AppConfig,
    private readonly limiter: RateLimiter,
    private readonly locks: LoginLocksStore,
    private readonly digest: SubjectDigest,
  ) {
    const { loginMaxFailures, ipMaxAttempts, ipWindowSeconds } = config.throttling;
    this.policy = {
      maxFailures: loginMaxFailures,
      baseLockSeconds: LOGIN_LOCK_BASE_SECONDS,
      maxLockSeconds: LOGIN_LOCK_MAX_SECONDS,
      retentionSeconds: STREAK_RETENTION_SECONDS,
      permanentAfterFailures: PERMANENT_LOCK_AFTER_FAILURES,
    };
    this.ipLimit = { max: ipMaxAttempts, windowSeconds: ipWindowSeconds };
    this.devices = new DeviceTokens(config.tokens.secret, DEVICE_TOKEN_LIFETIME_SECONDS);
  }

  async admit(attempt: LoginAttempt): Promise<LoginAdmission> {
    const ip = await this.limiter.attempt(LOGIN_IP_BUCKET, attempt.ip, this.ipLimit);
    if (!ip.allowed) return { admitted: false, reason: 'ip', retryAfterSeconds: ip.retryAfterSeconds, lockedNow: false, permanent: false };
    const ticket = this.ticketFor(attempt);
    const lock = await this.locks.admit(ticket.subject, this.policy);
    if (!lock.admitted) {
      return { admitted: false, reason: 'account', retryAfterSeconds: lock.retryAfterSeconds, lockedNow: lock.lockedNow, permanent: lock.permanent };
    }
    return { admitted: true, ticket };
  }

  /**
   * admit(), with the caller's `along` SQL (the account lookup) in the same round trip. A null admission:
   * `skip` held, nothing was counted (the caller refuses for its own reason, e.g. SSO required).
   */
  async admitAlong(attempt: LoginAttempt, along: Along, skip?: string): Promise<{ admission: LoginAdmission | null; row: AlongRow }> {
    const ticket = this.ticketFor(attempt);
    const ip: IpWindow = { bucket: LOGIN_IP_BUCKET, key: this.digest.of(LOGIN_IP_BUCKET, attempt.ip), ...this.ipLimit };
    const found = await this.locks.admitAlong(ticket.subject, this.policy, ip, along, skip);
    if (!found.ip) return { admission: null, row: found.row };
    if (!found.lock) {
      const { retryAfterSeconds } = decide(toCounts(found.ip), this.ipLimit);
      return { admission: { admitted: false, reason: 'ip', retryAfterSeconds: Math.max(1, retryAfterSeconds), lockedNow: false, permanent: false }, row: found.row };
    }
    const lock = found.lock;
    if (!lock.admitted) {
      return { admission: { admitted: false, reason: 'account', retryAfterSeconds: lock.retryAfterSeconds, lockedNow: lock.lockedNow, permanent: lock.permanent }, row: found.row };
    }
    return { admission: { admitted: true, ticket }, row: found.row };
  }

  /** failed(), with the caller's `along` SQL (the failure's audit row) in the same statement. */
  failedAlong(ticket: LoginTicket, along: Along): Promise<{ lockedNow: boolean; row: AlongRow }> {
    return this.locks.failedAlong(ticket.subject, this.policy, along);
  }

  /** succeeded(), with the caller's `along` SQL (the new session and its audit row) in the same statement. */
  async succeededAlong(ticket: LoginTicket, along: Along): Promise<{ deviceToken: string; row: AlongRow }> {
    const row = await this.locks.resetAlong(ticket.subject, along);
    return { deviceToken: this.devices.issue(ticket.accountDigest, Date.now() / 1000), row };
  }

  /** A wrong password (or no such account). Says whether this failure locked the account. */
  async failed(ticket: LoginTicket): Promise<{ lockedNow: boolean }> {
    return { lockedNow: await this.locks.failed(ticket.subject, this.policy) };
  }

  /** The correct password: the streak ends, and the client gets a (fresh) device token for this account. */
  async succeeded(ticket: LoginTicket): Promise<{ deviceToken: string }> {
    await this.locks.reset(ticket.subject);
    return { deviceToken: this.devices.issue(ticket.accountDigest, Date.now() / 1000) };
  }

  /**
   * Lifts the account's locks, permanent ones included, for the account and each of its trusted devices:
   * after a completed password reset (the owner proved control of the mailbox) or by an administrator.
   */
  clearLock(email: string): Promise<void> {
    return this.locks.clearAccount(this.digest.of('login-account', email));
  }

  /** The attempt was never judged (e.g. 503 overloaded): it does not count as a failure. */
  abandoned(ticket: LoginTicket): Promise<void> {
    return this.locks.release(ticket.subject);
  }

  private ticketFor(attempt: LoginAttempt): LoginTicket {
    const accountDigest = this.digest.of('login-account', attempt.email);
    const device = this.devices.verify(attempt.deviceToken, accountDigest, Date.now() / 1000);
    if (!device) return { subject: accountDigest, accountDigest, trustedDevice: false };
    // Prefixed with the account's digest so clearLock finds the account's device streaks too.
    return { subject: `${accountDigest}:${this.digest.of('login-device', `${device}\0${attempt.email}`)}`, accountDigest, trustedDevice: true };
  }
}
