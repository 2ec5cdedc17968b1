import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TransactionHost } from '@identsphere/database';
import { Along, AlongRow, renderAlong } from './along';
import { autocommitQuery } from './autocommit';
import { counterHitSql, CountsRow } from './rate-limit-counters.store';

export interface LockPolicy {
  /** Failures allowed before the first lock (IDENTSPHERE_LOGIN_MAX_FAILURES). */
  readonly maxFailures: number;
  readonly baseLockSeconds: number;
  readonly maxLockSeconds: number;
  /** How long a streak is remembered after its last attempt. */
  readonly retentionSeconds: number;
  /** Consecutive failures after which the lock no longer expires (until cleared). */
  readonly permanentAfterFailures: number;
}

export interface Admission {
  readonly admitted: boolean;
  /** Locked until cleared (password reset or an administrator), not until a time. */
  readonly permanent: boolean;
  /** True for exactly one caller per lock: the one whose statement set it. */
  readonly lockedNow: boolean;
  readonly retryAfterSeconds: number;
}

// Parameters: $1 subject, $2 max failures, $3 base lock s, $4 max lock s, $5 retention s, $6 failures
// before the permanent lock.
// "Slots" in a streak: maxFailures, plus one more after each lock (so after the first lock every further
// failure locks again, for twice as long). `failures` counts admitted attempts before the hash, so
// concurrent attempts on any number of instances can never verify more than the slots allow. Once a
// streak reaches $6 failures the lock is permanent: locked_until and expires_at become 'infinity', so
// neither time nor the cleanup job lifts it; only clearing the row does.
const LOCKED = `(l.locked_until IS NOT NULL AND l.locked_until > now())`;
const HAS_SLOT = `(l.failures < $2::integer + l.lock_level)`;
const EXHAUSTED = `(l.failures >= $6::integer)`;
const TAKES_SLOT = `(${HAS_SLOT} AND NOT ${EXHAUSTED})`;
const LOCK_END = `CASE WHEN ${EXHAUSTED} THEN 'infinity'::timestamptz
  ELSE now() + make_interval(secs => least($4::integer, $3::integer * power(2, least(l.lock_level, 20)))) END`;
const EXPIRES = `CASE WHEN ${EXHAUSTED} THEN 'infinity'::timestamptz ELSE now() + make_interval(secs => $5::integer + $4::integer) END`;
// A permanent lock answers with the longest temporary lock's Retry-After: clients retry at that pace.
const RESULT = `locked_at IS NOT DISTINCT FROM now() AS locked_now,
  (locked_until IS NOT NULL AND locked_until > now()) AS locked,
  (locked_until = 'infinity'::timestamptz) AS permanent,
  CASE WHEN locked_until = 'infinity'::timestamptz THEN $4::integer
    ELSE greatest(0, ceil(extract(epoch FROM locked_until - now())))::integer END AS retry_after`;

// Before the hash, one atomic statement: locked -> refuse, change nothing (attempts during a lock neither
// count nor extend it); a free slot -> take it; no slot left (or the permanent cap reached) -> lock now and refuse.
// `when`: a SQL condition under which the attempt is admitted at all (LoginThrottle runs it after the IP window).
const admitSql = (when = 'true') => `
  INSERT INTO login_locks AS l (subject, failures, lock_level, locked_until, locked_at, updated_at, expires_at)
  SELECT $1::text, 1, 0, NULL::timestamptz, NULL::timestamptz, now(), now() + make_interval(secs => $5::integer + $4::integer) WHERE ${when}
  ON CONFLICT (subject) DO UPDATE SET
    failures = CASE WHEN NOT ${LOCKED} AND ${TAKES_SLOT} THEN l.failures + 1 ELSE l.failures END,
    locked_until = CASE WHEN ${LOCKED} OR ${TAKES_SLOT} THEN l.locked_until ELSE ${LOCK_END} END,
    locked_at = CASE WHEN ${LOCKED} OR ${TAKES_SLOT} THEN l.locked_at ELSE now() END,
    lock_level = CASE WHEN ${LOCKED} OR ${TAKES_SLOT} THEN l.lock_level ELSE l.lock_level + 1 END,
    updated_at = CASE WHEN ${LOCKED} THEN l.updated_at ELSE now() END,
    expires_at = CASE WHEN ${LOCKED} THEN l.expires_at ELSE ${EXPIRES} END
  RETURNING ${RESULT}`;
const ADMIT = admitSql();

// After a wrong password: the failure was already counted at admission; lock if it used the last slot or
// reached the permanent cap.
const LOCKS_NOW = `(NOT ${LOCKED} AND NOT ${TAKES_SLOT})`;
const FAIL = `
  UPDATE login_locks AS l SET
    locked_until = CASE WHEN ${LOCKS_NOW} THEN ${LOCK_END} ELSE l.locked_until END,
    locked_at = CASE WHEN ${LOCKS_NOW} THEN now() ELSE l.locked_at END,
    lock_level = CASE WHEN ${LOCKS_NOW} THEN l.lock_level + 1 ELSE l.lock_level END,
    updated_at = now(),
    expires_at = ${EXPIRES}
  WHERE l.subject = $1
  RETURNING ${RESULT}`;

/** The IP window a login is counted in; the window is `$9`, the limit `$10` of the admission statement. */
export interface IpWindow {
  readonly bucket: string;
  /** The IP's keyed digest. */
  readonly key: string;
  readonly windowSeconds: number;
  readonly max: number;
}

// The sliding-window estimate of sliding-window.ts's decide(), in SQL, so the account lock is only
// touched for an attempt the IP window admits (JS re-derives Retry-After from the same counts).
const IP_ALLOWED = `login_ip.count + login_ip.previous_count * ($9::float8 - least(greatest(login_ip.elapsed, 0), $9::float8)) / $9::float8 <= $10::float8`;

/** What the admission statement found: null counts when `skip` held (nothing was counted). */
export interface AdmissionWithRow {
  readonly ip: CountsRow | null;
  /** Null when the IP window refused (the account lock was not touched) or nothing was counted. */
  readonly lock: Admission | null;
  readonly row: AlongRow;
}

interface ResultRow {
  locked_now: boolean;
  locked: boolean;
  permanent: boolean;
  retry_after: number | null;
}

/** The per-account lock's state machine, each transition one atomic statement on the shared database. */
@Injectable()
export class LoginLocksStore {
  private readonly query: ReturnType<typeof autocommitQuery>;

  constructor(@InjectDataSource() dataSource: DataSource, tx: TransactionHost) {
    this.query = autocommitQuery(dataSource, tx);
  }

  async admit(subject: string, policy: LockPolicy): Promise<Admission> {
    const [row] = await this.query<ResultRow[]>(ADMIT, [subject, ...params(policy)]);
    return {
      admitted: !row.locked,
      permanent: row.permanent === true,
      lockedNow: row.locked_now,
      retryAfterSeconds: row.locked ? Math.max(1, Number(row.retry_after)) : 0,
    };
  }

  /**
   * Login admission in one statement: the IP window counts the attempt, then (only if it is within the
   * window) the account lock admits it, and `along` (the account lookup, say) rides in the same round trip.
   * `skip`: a SQL condition over along's CTEs under which nothing is counted (e.g. the domain requires SSO).
   */
  async admitAlong(subject: string, policy: LockPolicy, ip: IpWindow, along: Along, skip = 'false'): Promise<AdmissionWithRow> {
    const extra = renderAlong(along, 10);
    const sql = `WITH ${extra.sql},
      login_ip AS (${counterHitSql('$7', '$8', '$9', `NOT (${skip})`)}),
      login_lock AS (${admitSql(`EXISTS (SELECT 1 FROM login_ip WHERE ${IP_ALLOWED})`)})
      SELECT login_ip.count AS throttle_ip_count, login_ip.previous_count AS throttle_ip_previous_count, login_ip.elapsed AS throttle_ip_elapsed,
        login_lock.locked_now AS throttle_locked_now, login_lock.locked AS throttle_locked, login_lock.permanent AS throttle_permanent,
        login_lock.retry_after AS throttle_retry_after, along_row.*
      FROM (SELECT 1) AS one LEFT JOIN login_ip ON true LEFT JOIN login_lock ON true LEFT JOIN along_row ON true`;
    const [row] = await this.query<AlongRow[]>(sql, [subject, ...params(policy), ip.bucket, ip.key, ip.windowSeconds, ip.max, ...extra.params]);
    const counted = row.throttle_ip_count !== null;
    const locked = row.throttle_locked === true;
    return {
      ip: counted ? { count: row.throttle_ip_count as number, previous_count: row.throttle_ip_previous_count as number, elapsed: row.throttle_ip_elapsed as number } : null,
      lock:
        row.throttle_locked === null
          ? null
          : { admitted: !locked, permanent: row.throttle_permanent === true, lockedNow: row.throttle_locked_now === true, retryAfterSeconds: locked ? Math.max(1, Number(row.throttle_retry_after)) : 0 },
      row,
    };
  }

  /** failed(), with `along` (the failure's audit row) in the same statement. */
  async failedAlong(subject: string, policy: LockPolicy, along: Along): Promise<{ lockedNow: boolean; row: AlongRow }> {
    const extra = renderAlong(along, 6);
    const sql = `WITH login_lock AS (${FAIL}), ${extra.sql}
      SELECT coalesce(login_lock.locked_now, false) AS throttle_locked_now, along_row.*
      FROM (SELECT 1) AS one LEFT JOIN login_lock ON true LEFT JOIN along_row ON true`;
    const [row] = await this.query<AlongRow[]>(sql, [subject, ...params(policy), ...extra.params]);
    return { lockedNow: row.throttle_locked_now === true, row };
  }

  /** reset(), with `along` (the new session and its audit row) in the same statement. */
  async resetAlong(subject: string, along: Along): Promise<AlongRow> {
    const extra = renderAlong(along, 1);
    const sql = `WITH login_lock AS (DELETE FROM login_locks WHERE subject = $1), ${extra.sql}
      SELECT along_row.* FROM (SELECT 1) AS one LEFT JOIN along_row ON true`;
    const [row] = await this.query<AlongRow[]>(sql, [subject, ...extra.params]);
    return row;
  }

  /** Returns whether this failure set a lock. */
  async failed(subject: string, policy: LockPolicy): Promise<boolean> {
    const [rows] = await this.query<[ResultRow[], number]>(FAIL, [subject, ...params(policy)]);
    return Boolean(rows?.[0]?.locked_now);
  }

  /** A success ends the streak: count, lock and escalation level all reset. */
  async reset(subject: string): Promise<void> {
    await this.query(`DELETE FROM login_locks WHERE subject = $1`, [subject]);
  }

  /** Lifts every lock of an account, permanent ones included: its own row and those of its trusted devices. */
  async clearAccount(accountSubject: string): Promise<void> {
    await this.query(`DELETE FROM login_locks WHERE subject = $1 OR starts_with(subject, $1 || ':')`, [accountSubject]);
  }

  /** Gives back the slot of an attempt that was never judged (e.g. the hash gate refused it). */
  async release(subject: string): Promise<void> {
    await this.query(`UPDATE login_locks AS l SET failures = l.failures - 1 WHERE l.subject = $1 AND l.failures > 0 AND NOT ${LOCKED}`, [subject]);
  }
}

const params = (p: LockPolicy) => [p.maxFailures, p.baseLockSeconds, p.maxLockSeconds, p.retentionSeconds, p.permanentAfterFailures];
