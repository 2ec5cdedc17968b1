import request from 'supertest';
import { AuthResult, bearer, dataSource, HttpServer, refreshWithToken, signup } from './auth-factories';
import { enrolTotp, passwordStep, pinTotpClock, verifyMfa } from './mfa-factories';
import type { TestApp } from './test-app';
import { totpCode } from './totp';

export type TotpClock = ReturnType<typeof pinTotpClock>;

/** An administrator signed in with a second factor just now: a token that passes every admin write. */
export interface SignedInAdmin extends AuthResult {
  readonly userId: string;
  readonly totpSecret: string;
  /** The current TOTP code at the pinned clock. */
  readonly code: () => string;
}

/** Gives the account the given roles straight in the database (as `cli admin create` or another admin would). */
export async function grantRoles(t: TestApp, userId: string, roles: readonly string[]): Promise<void> {
  await dataSource(t).query('UPDATE users SET roles = $2 WHERE id = $1', [userId, roles]);
}

/**
 * A new account made admin in the database, with an authenticator app, signed in again with password + TOTP
 * so its access token carries the role, acr `mfa` and a fresh auth_time. `clock` is the pinned TOTP clock
 * (pinTotpClock in beforeEach); it moves on by a step so the next code is a new one.
 */
export async function signedInAdmin(t: TestApp, clock: TotpClock, roles: readonly string[] = ['admin']): Promise<SignedInAdmin> {
  const account = await signup(t.server, { mode: 'bearer' });
  await grantRoles(t, account.user.id, roles);
  const { secret } = await enrolTotp(t.server, account.accessToken, clock.now());
  clock.set(clock.now() + 30);
  const mfaToken = await passwordStep(t.server, account.email, account.password);
  const res = await verifyMfa(t.server, mfaToken, 'totp', totpCode(secret, clock.now()));
  if (res.status !== 200) throw new Error(`admin sign-in answered ${res.status}: ${JSON.stringify(res.body)}`);
  clock.set(clock.now() + 30);
  const { accessToken, refreshToken, sessionId } = res.body;
  return { ...account, accessToken, refreshToken, sessionId, userId: account.user.id, totpSecret: secret, code: () => totpCode(secret, clock.now()) };
}

/** An admin whose last authentication is older than IDENTSPHERE_STEP_UP_MAX_AGE: reads pass, writes need a step-up. */
export async function staleAdminToken(t: TestApp, admin: SignedInAdmin): Promise<string> {
  await dataSource(t).query(`UPDATE sessions SET auth_time = now() - interval '1 hour' WHERE id = $1`, [admin.sessionId]);
  const res = await refreshWithToken(t.server, admin.refreshToken);
  if (res.status !== 200) throw new Error(`refresh answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

/** A request to the admin API as `token`. */
export const asAdmin = (server: HttpServer, token: string) => ({
  get: (path: string) => request(server).get(path).set(bearer(token)),
  post: (path: string, body?: object) => request(server).post(path).set(bearer(token)).send(body),
  put: (path: string, body: object) => request(server).put(path).set(bearer(token)).send(body),
  delete: (path: string) => request(server).delete(path).set(bearer(token)),
});
