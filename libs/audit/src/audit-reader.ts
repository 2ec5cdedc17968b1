import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@identsphere/database';
import { decodeEventCursor, encodeEventCursor } from './event-cursor';
import { SECURITY_EVENT_TYPES, SecurityEvent, SecurityEventType } from './security-event';

export const DEFAULT_EVENTS_LIMIT = 20;
export const MAX_EVENTS_LIMIT = 100;

export interface EventPage {
  readonly items: readonly SecurityEvent[];
  readonly nextCursor: string | null;
}

interface EventRow {
  id: string;
  position: string;
  type: SecurityEventType;
  created_at: Date;
  ip: string | null;
  user_agent: string | null;
  session_id: string | null;
  actor_id: string | null;
}

/** A user's own events, newest first, keyset-paged on the insertion sequence (stable under inserts). */
@Injectable()
export class AuditReader {
  constructor(private readonly tx: TransactionHost) {}

  async listForUser(userId: string, page: { cursor?: string; limit?: number } = {}): Promise<EventPage> {
    const limit = page.limit ?? DEFAULT_EVENTS_LIMIT;
    const before = page.cursor !== undefined ? decodeEventCursor(page.cursor) : null;
    const rows: EventRow[] = await this.tx.manager.query(
      `SELECT id, seq::text AS position, type, created_at, ip, user_agent, session_id, actor_id FROM security_events
       WHERE user_id = $1 AND type = ANY($2::text[]) AND ($3::bigint IS NULL OR seq < $3::bigint)
       ORDER BY seq DESC LIMIT $4`,
      [userId, SECURITY_EVENT_TYPES, before, limit + 1],
    );
    const items = rows.slice(0, limit);
    const nextCursor = rows.length > limit ? encodeEventCursor(items[items.length - 1].position) : null;
    return { items: items.map(toSecurityEvent), nextCursor };
  }
}

const toSecurityEvent = (row: EventRow): SecurityEvent => ({
  id: row.id,
  type: row.type,
  createdAt: row.created_at,
  ip: row.ip,
  userAgent: row.user_agent,
  sessionId: row.session_id,
  actorId: row.actor_id,
});
