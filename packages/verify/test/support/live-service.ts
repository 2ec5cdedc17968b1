import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { BUILT_MAIN, REPO_ROOT, startBuiltServer, type BuiltServer } from '../../../../test/support/built-server';
import { queryTestDatabase } from '../../../../test/support/query-test-database';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { TEST_JWT_SECRET } from '../../../../test/support/test-app';
import { totpCode } from '../../../../test/support/totp';

/**
 * The built service (dist/, as `npm start` runs it) on a database of its own, for the client packages'
 * tests. Its issuer is fixed, so tokens keep their `iss` across a restart on another port.
 */
export const LIVE_ISSUER = 'http://issuer.identsphere.test';

const LIVE_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  IDENTSPHERE_JWT_SECRET: TEST_JWT_SECRET,
  IDENTSPHERE_PUBLIC_BASE_URL: LIVE_ISSUER,
  IDENTSPHERE_IP_MAX_ATTEMPTS: '100000',
  IDENTSPHERE_LOGIN_MAX_FAILURES: '1000',
  // Cheap hashing: these tests are about tokens, and the machine has 2 cores for six engineers.
  IDENTSPHERE_ARGON2_MEMORY_KIB: '8192',
  IDENTSPHERE_ARGON2_ITERATIONS: '1',
};

export interface LiveService {
  readonly db: TestDatabase;
  readonly env: Record<string, string>;
  /** The current process (a restart replaces it). */
  server(): BuiltServer;
  baseUrl(): string;
  /** A fetch that sends `LIVE_ISSUER` URLs to the running process, counting requests per path. */
  readonly fetch: typeof globalThis.fetch;
  requestsTo(path: string): number;
  /** A fetch like `fetch` with counts of its own (one per verifier under test). */
  countingFetch(): { fetch: typeof globalThis.fetch; requestsTo(path: string): number };
  /** Stops the process, runs `sql` on its database (while nobody holds it), starts it again; the rows. */
  restartAfter(sql: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

export interface StartLiveServiceOptions {
  readonly env?: Record<string, string>;
  /** Creates this administrator (password from stdin) before the first start, as an operator would. */
  readonly admin?: { email: string; password: string };
}

export async function startLiveService(options: StartLiveServiceOptions = {}): Promise<LiveService> {
  const db = await createTestDatabase();
  const env = { ...LIVE_ENV, ...db.env, ...options.env };
  if (options.admin) await createAdmin(env, options.admin);
  let current = await startBuiltServer({ env });
  const counts = new Map<string, number>();
  const liveFetch: typeof globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    counts.set(url.pathname, (counts.get(url.pathname) ?? 0) + 1);
    if (url.origin === LIVE_ISSUER) return fetch(`${current.baseUrl}${url.pathname}${url.search}`, init);
    return fetch(input, init);
  };
  return {
    db,
    env,
    server: () => current,
    baseUrl: () => current.baseUrl,
    fetch: liveFetch,
    requestsTo: (path) => counts.get(path) ?? 0,
    countingFetch: () => {
      const own = new Map<string, number>();
      const counted: typeof globalThis.fetch = (input, init) => {
        const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
        own.set(path, (own.get(path) ?? 0) + 1);
        return liveFetch(input, init);
      };
      return { fetch: counted, requestsTo: (path: string) => own.get(path) ?? 0 };
    },
    restartAfter: async (sql) => {
      await stopGracefully(current);
      const rows = await queryTestDatabase(db, sql);
      current = await startBuiltServer({ env });
      return rows;
    },
    stop: async () => {
      await current.stop();
      await db.drop();
    },
  };
}

/** SIGTERM and wait: the embedded database must be closed cleanly before another process opens it. */
async function stopGracefully(server: BuiltServer): Promise<void> {
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 20_000);
  await server.exited;
  clearTimeout(timer);
}

function createAdmin(env: Record<string, string>, admin: { email: string; password: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT_MAIN.replace('main.js', 'cli.js'), 'admin', 'create', '--email', admin.email], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.stdin.end(admin.password);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`admin create exited ${code}: ${output.slice(-2000)}`))));
  });
}

export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomBytes(6).toString('hex')}@example.com`;
export const strongPassword = () => `violet kettle ${randomBytes(6).toString('hex')} moons`;

async function json(res: Response, expected: number, what: string): Promise<any> {
  const text = await res.text();
  if (res.status !== expected) throw new Error(`${what} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

const jsonHeaders = (accessToken?: string) => ({
  'Content-Type': 'application/json',
  'X-Auth-Mode': 'bearer',
  ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
});

export interface BearerSession {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly userId: string;
  readonly email: string;
}

/** Sign-up in bearer mode: a fresh account and its tokens. */
export async function signUp(live: LiveService, email = uniqueEmail()): Promise<BearerSession> {
  const res = await fetch(`${live.baseUrl()}/v1/auth/signup`, { method: 'POST', headers: jsonHeaders(), body: JSON.stringify({ email, password: strongPassword() }) });
  const body = await json(res, 201, 'signup');
  return { accessToken: body.accessToken, refreshToken: body.refreshToken, userId: body.user.id, email };
}

export async function logIn(live: LiveService, email: string, password: string): Promise<BearerSession> {
  const res = await fetch(`${live.baseUrl()}/v1/auth/login`, { method: 'POST', headers: jsonHeaders(), body: JSON.stringify({ email, password }) });
  const body = await json(res, 200, 'login');
  return { accessToken: body.accessToken, refreshToken: body.refreshToken, userId: body.user.id, email };
}

/** Ends the session of a bearer-mode sign-in (its access tokens are refused by the service from now on). */
export async function logOut(live: LiveService, session: BearerSession): Promise<void> {
  const res = await fetch(`${live.baseUrl()}/v1/auth/logout`, { method: 'POST', headers: jsonHeaders(), body: JSON.stringify({ refreshToken: session.refreshToken }) });
  await json(res, 204, 'logout');
}

/**
 * An administrator's access token with a fresh MFA step-up (what admin writes need): enrols an authenticator
 * app on the account and steps up with the next time step's code (a code is never accepted twice).
 */
export async function steppedUpAdminToken(live: LiveService, admin: { email: string; password: string }): Promise<string> {
  const { accessToken } = await logIn(live, admin.email, admin.password);
  const begun = await json(await fetch(`${live.baseUrl()}/v1/me/mfa/totp`, { method: 'POST', headers: { Authorization: `Bearer ${accessToken}` } }), 200, 'totp enrolment');
  const now = Math.floor(Date.now() / 1000);
  await json(
    await fetch(`${live.baseUrl()}/v1/me/mfa/totp/confirm`, { method: 'POST', headers: jsonHeaders(accessToken), body: JSON.stringify({ code: totpCode(begun.secret, now) }) }),
    200,
    'totp confirmation',
  );
  const stepped = await json(
    await fetch(`${live.baseUrl()}/v1/auth/step-up`, { method: 'POST', headers: jsonHeaders(accessToken), body: JSON.stringify({ method: 'totp', code: totpCode(begun.secret, now + 30) }) }),
    200,
    'step-up',
  );
  return stepped.accessToken;
}

/** A machine client with the given scopes, created through the admin API. */
export async function createMachineClient(live: LiveService, adminToken: string, scopes: string[]): Promise<{ clientId: string; clientSecret: string }> {
  const res = await fetch(`${live.baseUrl()}/v1/admin/clients`, { method: 'POST', headers: jsonHeaders(adminToken), body: JSON.stringify({ name: 'resource server', scopes }) });
  const body = await json(res, 201, 'client creation');
  return { clientId: body.clientId, clientSecret: body.clientSecret };
}
