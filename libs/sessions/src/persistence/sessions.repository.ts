import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TransactionHost } from '@identsphere/database';
import type { LivenessAnswer } from '../liveness/liveness-cache';
import type { NewSession, RevokeReason, Session } from '../session';

export interface SessionSnapshot {
  readonly session: Session;
  /** The database's clock when read: every session time decision uses the one clock all instances share. */
  readonly now: Date;
}

/** A session is live while not revoked, before its absolute expiry, and used within the idle timeout. */
const live = (idleParam: number, table = '') =>
  `${table}revoked_at IS NULL AND ${table}expires_at > now() AND ${table}last_used_at > now() - make_interval(secs => $${idleParam})`;

/**
 * The INSERT ... RETURNING * that starts a session, for create() and for a statement that starts one along
 * other work (login: the session, its audit row and the throttle reset in one round trip). `bind` adds a
 * parameter and answers its placeholder.
 */
/** The alias of the just-rotated session row that a RotationRead's columns and joins refer to. */
export const ROTATED = 'rotated';

/** SQL that reads more alongside a rotation: `joins` onto the ROTATED row, `columns` from them (names not clashing with sessions'). */
export interface RotationRead {
  readonly columns: string;
  readonly joins: string;
}

export function sessionInsertSql(input: NewSession, bind: (value: unknown) => string): string {
  return `INSERT INTO sessions (id, user_id, counter, last_used_at, expires_at, user_agent, ip, amr, acr, auth_time)
    VALUES (${bind(randomUUID())}::uuid, ${bind(input.userId)}::uuid, 0, now(), now() + make_interval(secs => ${bind(input.absoluteTtlSeconds)}::integer),
      ${bind(input.userAgent)}::text, ${bind(input.ip)}::text, ${bind(input.amr)}::text[], ${bind(input.acr)}::text, now()) RETURNING *`;
}

/**
 * Sessions persistence in explicit SQL: rotation must be a single compare-and-swap statement, and the
 * guard's check a single primary-key lookup, which is clearest written out.
 */
@Injectable()
export class SessionsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async create(input: NewSession): Promise<Session> {
    const params: unknown[] = [];
    const sql = sessionInsertSql(input, (value) => `$${params.push(value)}`);
    const rows = await this.tx.manager.query(sql, params);
    return toSession(rows[0]);
  }

  /** A step-up in a live session: records the new authentication time and what it proved; null when not live. */
  async reauthenticate(id: string, userId: string, proof: { amr: readonly string[]; acr: string }, idleTtlSeconds: number): Promise<Session | null> {
    const [rows] = await this.tx.manager.query(
      `UPDATE sessions SET auth_time = now(), amr = $4, acr = $5 WHERE id = $1 AND user_id = $2 AND ${live(3)} RETURNING *`,
      [id, userId, idleTtlSeconds, proof.amr, proof.acr],
    );
    return rows?.[0] ? toSession(rows[0]) : null;
  }

  /**
   * Advances the counter iff it still equals `counter` and the session is live; null otherwise. `read`:
   * what the caller needs next about the session's owner, read in the same statement (refresh: the account
   * and its factors for the new access token), returned as `row`.
   */
  async rotate(
    id: string,
    counter: number,
    idleTtlSeconds: number,
    client: { userAgent: string | null; ip: string | null },
    read: RotationRead | null = null,
  ): Promise<{ session: Session; row: Record<string, unknown> } | null> {
    const update = `UPDATE sessions SET counter = counter + 1, rotated_at = now(), last_used_at = now(),
              user_agent = COALESCE($4, user_agent), ip = COALESCE($5, ip)
       WHERE id = $1 AND counter = $2 AND ${live(3)} RETURNING *`;
    const params = [id, counter, idleTtlSeconds, client.userAgent, client.ip];
    if (!read) {
      const [rows] = await this.tx.manager.query(update, params);
      return rows?.[0] ? { session: toSession(rows[0]), row: rows[0] } : null;
    }
    const rows = await this.tx.manager.query(`WITH ${ROTATED} AS (${update}) SELECT ${ROTATED}.*, ${read.columns} FROM ${ROTATED} ${read.joins}`, params);
    return rows?.[0] ? { session: toSession(rows[0]), row: rows[0] } : null;
  }

  async snapshot(id: string): Promise<SessionSnapshot | null> {
    const rows = await this.tx.manager.query(`SELECT *, now() AS db_now FROM sessions WHERE id = $1`, [id]);
    return rows[0] ? { session: toSession(rows[0]), now: rows[0].db_now } : null;
  }

  /**
   * Live session of an enabled account: disabling an account must stop its access tokens at once, and the
   * join keeps that to the one primary-key lookup the guard already pays for. A temporary disable whose
   * `disabled_until` has passed counts as enabled (libs/users reads it the same way). Also says how long
   * the session stays live at most (absolute expiry or idle timeout, whichever comes first), so a cached
   * answer never outlives the session.
   */
  async liveness(id: string, userId: string, idleTtlSeconds: number): Promise<LivenessAnswer> {
    const rows = await this.tx.manager.query(
      `SELECT GREATEST(0, EXTRACT(EPOCH FROM LEAST(s.expires_at, s.last_used_at + make_interval(secs => $3)) - now()) * 1000)::float8 AS remaining_ms
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = $1 AND s.user_id = $2 AND (u.disabled_at IS NULL OR u.disabled_until <= now()) AND ${live(3, 's.')}`,
      [id, userId, idleTtlSeconds],
    );
    return rows.length > 0 ? { live: true, remainingMs: Number(rows[0].remaining_ms) } : { live: false, remainingMs: 0 };
  }

  async listLive(userId: string, idleTtlSeconds: number): Promise<Session[]> {
    const rows = await this.tx.manager.query(`SELECT * FROM sessions WHERE user_id = $1 AND ${live(2)} ORDER BY created_at DESC`, [userId, idleTtlSeconds]);
    return rows.map(toSession);
  }

  /** Revokes one session (of `userId`, when given). Returns the owner's user id if a live row was revoked, else null. */
  async revoke(id: string, reason: RevokeReason, userId?: string): Promise<string | null> {
    const [rows] = await this.tx.manager.query(
      `UPDATE sessions SET revoked_at = now(), revoke_reason = $2
       WHERE id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR user_id = $3) RETURNING id, user_id`,
      [id, reason, userId ?? null],
    );
    return rows[0]?.user_id ?? null;
  }

  /** Revokes one session and returns it as it was ended; null when it was unknown or already revoked. */
  async end(id: string, reason: RevokeReason): Promise<Session | null> {
    const [rows] = await this.tx.manager.query(`UPDATE sessions SET revoked_at = now(), revoke_reason = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING *`, [id, reason]);
    return rows[0] ? toSession(rows[0]) : null;
  }

  /** Revokes every session of the user, optionally sparing one. Returns the ids revoked. */
  async revokeAll(userId: string, reason: RevokeReason, exceptId: string | null = null): Promise<string[]> {
    const [rows] = await this.tx.manager.query(
      `UPDATE sessions SET revoked_at = now(), revoke_reason = $2
       WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3) RETURNING id`,
      [userId, reason, exceptId],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  /** Records which provider session this session came from; false when no such session. */
  async attachIdp(id: string, providerId: string, idpSid: string | null): Promise<boolean> {
    const [, affected] = await this.tx.manager.query(`UPDATE sessions SET idp_provider_id = $2, idp_sid = $3 WHERE id = $1`, [id, providerId, idpSid]);
    return affected > 0;
  }

  /**
   * Revokes the not yet revoked sessions started through `providerId` that match the provider session `sid`
   * and/or belong to `userIds` (both given: both must match, per Back-Channel Logout 1.0 §2.7). Returns them.
   */
  async revokeForIdp(providerId: string, match: { sid: string | null; userIds: readonly string[] | null }, reason: RevokeReason): Promise<Session[]> {
    const [rows] = await this.tx.manager.query(
      `UPDATE sessions SET revoked_at = now(), revoke_reason = $4
       WHERE idp_provider_id = $1 AND revoked_at IS NULL
         AND ($2::text IS NULL OR idp_sid = $2) AND ($3::uuid[] IS NULL OR user_id = ANY($3))
       RETURNING *`,
      [providerId, match.sid, match.userIds, reason],
    );
    return rows.map(toSession);
  }
}

export interface SessionRow {
  id: string;
  user_id: string;
  counter: number;
  created_at: Date;
  last_used_at: Date;
  rotated_at: Date | null;
  expires_at: Date;
  revoked_at: Date | null;
  user_agent: string | null;
  ip: string | null;
  amr: string[];
  acr: string;
  auth_time: Date;
  idp_provider_id: string | null;
  idp_sid: string | null;
}

/** A sessions row (`RETURNING *`) as a Session; also for statements that start a session along other work. */
export function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    userId: row.user_id,
    counter: Number(row.counter),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    rotatedAt: row.rotated_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    userAgent: row.user_agent,
    ip: row.ip,
    amr: row.amr ?? [],
    acr: row.acr,
    authTime: row.auth_time,
    idpProviderId: row.idp_provider_id ?? null,
    idpSid: row.idp_sid ?? null,
  };
}
