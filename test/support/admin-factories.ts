import request from 'supertest';
import { AuthResult, bearer, dataSource, HttpServer, refreshWithToken, signup, startAuthApp } from './auth-factories';
import { enrolTotp, passwordStep, pinTotpClock, verifyMfa } from './mfa-factories';
import type { TestApp, TestAppOptions } from './test-app';
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

/** What a test file of the admin API works with; read the fields inside tests (the hooks fill them). */
export interface AdminApp {
  readonly t: TestApp;
  readonly clock: TotpClock;
  readonly admin: SignedInAdmin;
}

/**
 * One auth app for the whole file, and before each test a pinned TOTP clock and a new signed-in admin
 * (each test starts from an admin of its own; the clock is restored after it).
 */
export function useAdminApp(options: TestAppOptions = {}): AdminApp {
  const state: { t?: TestApp; clock?: TotpClock; admin?: SignedInAdmin } = {};
  beforeAll(async () => {
    state.t = await startAuthApp(options);
  });
  afterAll(() => state.t?.close());
  beforeEach(async () => {
    state.clock = pinTotpClock(state.t!);
    state.admin = await signedInAdmin(state.t!, state.clock);
  });
  afterEach(() => jest.restoreAllMocks());
  const read = <K extends keyof AdminApp>(key: K): AdminApp[K] => {
    const value = state[key];
    if (!value) throw new Error(`useAdminApp: ${key} is set in the hooks, read it inside a test`);
    return value as AdminApp[K];
  };
  return {
    get t() {
      return read('t');
    },
    get clock() {
      return read('clock');
    },
    get admin() {
      return read('admin');
    },
  };
}

/** An admin whose last authentication is older than IDENTSPHERE_STEP_UP_MAX_AGE: reads pass, writes need a step-up. */
export async function staleAdminToken(t: TestApp, admin: SignedInAdmin): Promise<string> {
  await dataSource(t).query(`UPDATE sessions SET auth_time = now() - interval '1 hour' WHERE id = $1`, [admin.sessionId]);
  const res = await refreshWithToken(t.server, admin.refreshToken);
  if (res.status !== 200) throw new Error(`refresh answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

/**
 * Every item of a cursor-paged admin list, first page to last: `page` gets `&cursor=…` (empty for the first
 * page) to append to its query, and each answer must be 200 with `items` and `nextCursor`.
 */
export async function everyPage(page: (cursorQuery: string) => request.Test): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const res: request.Response = await page(cursor ? `&cursor=${cursor}` : '').expect(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

/** A request to the admin API as `token`. */
export const asAdmin = (server: HttpServer, token: string) => ({
  get: (path: string) => request(server).get(path).set(bearer(token)),
  post: (path: string, body?: object) => request(server).post(path).set(bearer(token)).send(body),
  put: (path: string, body: object) => request(server).put(path).set(bearer(token)).send(body),
  delete: (path: string) => request(server).delete(path).set(bearer(token)),
});

/** `POST /v1/admin/users/{id}/<action>` (a support action) as the given caller. */
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
