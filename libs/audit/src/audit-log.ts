import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TransactionHost } from '@identsphere/database';
import type { SecurityEventInput } from './security-event';

// Detail is for reason classes and the like; a key that names a secret is a programming error.
const SECRET_KEY = /pass|token|secret|hash|cookie|authorization|credential|otp/i;
const MAX_DETAIL_VALUE = 200;

/**
 * Appends security events. Writes through the ambient transaction (TransactionHost), so an event
 * recorded inside a flow's `tx.run()` commits or rolls back with the change it describes.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly tx: TransactionHost) {}

  async record(event: SecurityEventInput): Promise<void> {
    const detail = checkedDetail(event.detail ?? {});
    await this.tx.manager.query(
      `INSERT INTO security_events (id, user_id, type, session_id, ip, user_agent, detail, actor_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [randomUUID(), event.userId, event.type, event.sessionId ?? null, event.ip ?? null, event.userAgent?.slice(0, 512) ?? null, JSON.stringify(detail), event.actorId ?? null],
    );
  }
}

export function checkedDetail(detail: Record<string, string>): Record<string, string> {
  for (const [key, value] of Object.entries(detail)) {
    if (SECRET_KEY.test(key)) throw new Error(`audit detail key "${key}" looks like a secret; events never carry secrets`);
    if (typeof value !== 'string' || value.length > MAX_DETAIL_VALUE) throw new Error(`audit detail "${key}" must be a short string`);
  }
  return detail;
}

/**
 * The INSERT of one security event as a CTE body, for a flow that records the event in the same statement
 * as the change it describes (login: one round trip for the session and its event). Same checks and
 * truncation as AuditLog.record. `sessionIdSql`: a SQL expression for the session id when the session is
 * being created in that statement (e.g. `(SELECT id FROM new_session)`).
 */
export function auditInsertSql(event: SecurityEventInput, bind: (value: unknown) => string, sessionIdSql?: string): string {
  const detail = checkedDetail(event.detail ?? {});
  const sessionId = sessionIdSql ?? `${bind(event.sessionId ?? null)}::uuid`;
  return `INSERT INTO security_events (id, user_id, type, session_id, ip, user_agent, detail, actor_id)
    SELECT ${bind(randomUUID())}::uuid, ${bind(event.userId)}::uuid, ${bind(event.type)}::text, ${sessionId}, ${bind(event.ip ?? null)}::text,
      ${bind(event.userAgent?.slice(0, 512) ?? null)}::text, ${bind(JSON.stringify(detail))}::jsonb, ${bind(event.actorId ?? null)}::text`;
}
