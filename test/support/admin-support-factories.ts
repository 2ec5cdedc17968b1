import request from 'supertest';
import { AuthResult, bearer, dataSource, HttpServer, signup } from './auth-factories';
import { enrolTotp, passwordStep, pinTotpClock, verifyMfa } from './mfa-factories';
import type { TestApp } from './test-app';
import { totpCode } from './totp';

export type TotpClock = ReturnType<typeof pinTotpClock>;

/** An administrator signed in with a second factor just now: their writes pass the step-up check. */
export interface SignedInAdmin extends AuthResult {
  readonly userId: string;
  readonly totpSecret: string;
}

/**
 * Until the admin users API can grant roles, the role is set in the database; the admin then enrols an
 * authenticator app and signs in again with it (acr `mfa`), as admin writes require.
 */
export async function signedInAdmin(t: TestApp, clock: TotpClock): Promise<SignedInAdmin> {
  const account = await signup(t.server, { mode: 'bearer' });
  await grantAdminInDatabase(t, account.user.id);
  const totp = await enrolTotp(t.server, account.accessToken, clock.now());
  clock.set(clock.now() + 30);
  const mfaToken = await passwordStep(t.server, account.email, account.password);
  const res = await verifyMfa(t.server, mfaToken, 'totp', totpCode(totp.secret, clock.now()));
  if (res.status !== 200) throw new Error(`MFA sign-in answered ${res.status}: ${JSON.stringify(res.body)}`);
  clock.set(clock.now() + 30);
  return { ...account, userId: account.user.id, totpSecret: totp.secret, accessToken: res.body.accessToken, refreshToken: res.body.refreshToken, sessionId: res.body.sessionId };
}

export async function grantAdminInDatabase(t: TestApp, userId: string): Promise<void> {
  await dataSource(t).query(`UPDATE users SET roles = '{admin}' WHERE id = $1`, [userId]);
}

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
