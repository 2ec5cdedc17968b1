import request from 'supertest';
import { grantRoles } from './admin-factories';
import { bearer, dataSource, HttpServer } from './auth-factories';
import type { TestApp } from './test-app';

// One way to make an admin for every admin test file: admin-factories.ts.
export { signedInAdmin, SignedInAdmin, TotpClock } from './admin-factories';

export const grantAdminInDatabase = (t: TestApp, userId: string): Promise<void> => grantRoles(t, userId, ['admin']);

/** `POST /v1/admin/users/{id}/<action>` as the given caller. */
export const adminSupport = (server: HttpServer, accessToken: string, userId: string, action: string) =>
  request(server).post(`/v1/admin/users/${userId}/${action}`).set(bearer(accessToken));

export interface AuditRow {
  readonly type: string;
  readonly detail: Record<string, string> | null;
  /** Present when an administrator acted (security_events.actor_id). */
  readonly actorId?: string;
}

/** The user's audit rows of these types, oldest first (including those the user cannot read back). */
export async function auditRowsOf(t: TestApp, userId: string, types: readonly string[]): Promise<AuditRow[]> {
  const rows: Array<{ type: string; detail: Record<string, string> | null; actor_id: string | null }> = await dataSource(t).query(
    `SELECT type, detail, actor_id FROM security_events WHERE user_id = $1 AND type = ANY($2) ORDER BY created_at, id`,
    [userId, types],
  );
  return rows.map(({ actor_id, ...row }) => (actor_id ? { ...row, actorId: actor_id } : row));
}
