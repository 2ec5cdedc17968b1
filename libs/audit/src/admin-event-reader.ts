import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@identsphere/database';
import { DEFAULT_EVENTS_LIMIT } from './audit-reader';
import { decodeEventCursor, encodeEventCursor } from './event-cursor';
import type { AdminSecurityEvent, AuditEventType } from './security-event';

/** Which events an administrator asks for; every filter is optional and they combine with AND. */
export interface AdminEventFilter {
  readonly userId?: string;
  readonly actorId?: string;
  readonly type?: AuditEventType;
  /** Inclusive lower bound on createdAt. */
  readonly since?: Date;
  /** Exclusive upper bound on createdAt. */
  readonly until?: Date;
}

export interface AdminEventPage {
  readonly items: readonly AdminSecurityEvent[];
  readonly nextCursor: string | null;
}

interface AdminEventRow {
  id: string;
  position: string;
  type: AuditEventType;
  created_at: Date;
  user_id: string | null;
  actor_id: string | null;
  session_id: string | null;
  ip: string | null;
  user_agent: string | null;
  detail: Record<string, string> | null;
}

/**
 * Every user's events for GET /v1/admin/events, newest first, keyset-paged on the insertion sequence with the
 * same opaque cursor as a user's own listing. The filters ride on the primary key order: `seq < cursor`
 * walks the index backwards and each filter only skips rows (user and actor filters also have an index).
 */
@Injectable()
export class AdminEventReader {
  constructor(private readonly tx: TransactionHost) {}

  async list(filter: AdminEventFilter, page: { cursor?: string; limit?: number } = {}): Promise<AdminEventPage> {
    const limit = page.limit ?? DEFAULT_EVENTS_LIMIT;
    const before = page.cursor !== undefined ? decodeEventCursor(page.cursor) : null;
    const rows: AdminEventRow[] = await this.tx.manager.query(
      `SELECT id, seq::text AS position, type, created_at, user_id, actor_id, session_id, ip, user_agent, detail FROM security_events
       WHERE ($1::bigint IS NULL OR seq < $1::bigint)
         AND ($2::uuid IS NULL OR user_id = $2::uuid)
         AND ($3::text IS NULL OR actor_id = $3::text)
         AND ($4::text IS NULL OR type = $4::text)
         AND ($5::timestamptz IS NULL OR created_at >= $5::timestamptz)
         AND ($6::timestamptz IS NULL OR created_at < $6::timestamptz)
       ORDER BY seq DESC LIMIT $7`,
      [before, filter.userId ?? null, filter.actorId ?? null, filter.type ?? null, filter.since ?? null, filter.until ?? null, limit + 1],
    );
    const items = rows.slice(0, limit);
    const nextCursor = rows.length > limit ? encodeEventCursor(items[items.length - 1].position) : null;
    return { items: items.map(toAdminSecurityEvent), nextCursor };
  }
}

const toAdminSecurityEvent = (row: AdminEventRow): AdminSecurityEvent => ({
  id: row.id,
  type: row.type,
  createdAt: row.created_at,
  userId: row.user_id,
  actorId: row.actor_id,
  sessionId: row.session_id,
  ip: row.ip,
  userAgent: row.user_agent,
  detail: row.detail ?? {},
});
