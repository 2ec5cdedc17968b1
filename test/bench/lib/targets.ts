import { BEARER, retryAfterMs, strongPassword } from './accounts';
import { BenchHttpClient, HttpRequest, HttpResult, jsonOf, sleep } from './http-client';
import type { ServerProcess } from './server';

export const SERVICES = ['identsphere', 'naive', 'better-auth'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** A signed-in account of one service: what its authenticated requests and refreshes need. */
export interface PeerAccount {
  readonly email: string;
  readonly password: string;
  /** Headers that authenticate GET me (a bearer access token, or Better Auth's session cookie). */
  readonly authHeaders: Record<string, string>;
  /** A refresh token, where the service has refresh-token rotation. */
  refreshToken?: string;
}

/** How the side-by-side scenarios talk to one service: the same essentials under each one's own routes. */
export interface Target {
  readonly name: ServiceName;
  readonly server: ServerProcess;
  /** A route that does nothing: the framework's per-request overhead. */
  readonly noopPath: string;
  /** Probed during the hostile storm. Ours checks the database; the peers' only health route is their no-op. */
  readonly healthPath: string;
  readonly mePath: string;
  signUp(email: string, password: string): HttpRequest;
  login(email: string, password: string): HttpRequest;
  /** The signed-in account from a successful sign-up or sign-in answer. */
  accountOf(email: string, password: string, res: HttpResult): PeerAccount;
  /** POST path and headers of refresh-token rotation ({ refreshToken } in, { refreshToken } out); absent when the service has none. */
  readonly refresh?: { readonly path: string; readonly headers: Record<string, string> };
}

interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

const bearerAccount = (email: string, password: string, res: HttpResult): PeerAccount => {
  const body = jsonOf<TokenPair>(res, 'sign-up');
  return { email, password, authHeaders: { authorization: `Bearer ${body.accessToken}` }, refreshToken: body.refreshToken };
};

export function identsphereTarget(server: ServerProcess): Target {
  return {
    name: 'identsphere',
    server,
    noopPath: '/health/live',
    healthPath: '/health',
    mePath: '/v1/me',
    signUp: (email, password) => ({ method: 'POST', path: '/v1/auth/signup', headers: BEARER, json: { email, password } }),
    login: (email, password) => ({ method: 'POST', path: '/v1/auth/login', headers: BEARER, json: { email, password } }),
    accountOf: bearerAccount,
    refresh: { path: '/v1/auth/refresh', headers: BEARER },
  };
}

export function naiveTarget(server: ServerProcess): Target {
  return {
    name: 'naive',
    server,
    noopPath: '/health/live',
    healthPath: '/health/live',
    mePath: '/me',
    signUp: (email, password) => ({ method: 'POST', path: '/signup', json: { email, password } }),
    login: (email, password) => ({ method: 'POST', path: '/login', json: { email, password } }),
    accountOf: bearerAccount,
    refresh: { path: '/refresh', headers: {} },
  };
}

/** Better Auth has no refresh-token rotation for email and password: getSession extends the session instead. */
export function betterAuthTarget(server: ServerProcess): Target {
  // Better Auth checks the Origin of state-changing requests against its baseURL; a browser would send it.
  const origin = { origin: server.baseUrl.origin };
  return {
    name: 'better-auth',
    server,
    noopPath: '/health/live',
    healthPath: '/health/live',
    mePath: '/api/me',
    signUp: (email, password) => ({ method: 'POST', path: '/api/auth/sign-up/email', headers: origin, json: { email, password, name: email.split('@')[0] } }),
    login: (email, password) => ({ method: 'POST', path: '/api/auth/sign-in/email', headers: origin, json: { email, password } }),
    accountOf: (email, password, res) => ({ email, password, authHeaders: { cookie: sessionCookieOf(res) } }),
  };
}

/** `name=value` of Better Auth's session cookie from a Set-Cookie answer. */
export function sessionCookieOf(res: Pick<HttpResult, 'headers'>): string {
  const setCookie = res.headers['set-cookie'];
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const session = cookies.map((c) => c.split(';')[0].trim()).find((c) => /^(__Secure-)?better-auth\.session_token=/.test(c));
  if (!session) throw new Error('sign-up answered without a Better Auth session cookie');
  return session;
}

/** Signs up `count` accounts, a few at a time, honouring 503 + Retry-After (only ours sheds load). */
export async function seedAccounts(target: Target, runId: string, count: number, parallel: number): Promise<PeerAccount[]> {
  const client = new BenchHttpClient(target.server.baseUrl, parallel);
  const accounts: PeerAccount[] = new Array(count);
  let next = 0;
  const signUp = async (email: string, password: string): Promise<PeerAccount> => {
    for (let attempt = 1; ; attempt++) {
      const res = await client.send(target.signUp(email, password));
      if (res.status === 200 || res.status === 201) return target.accountOf(email, password, res);
      if (res.status !== 503 || attempt >= 20) throw new Error(`${target.name}: sign-up failed with status ${res.status}: ${res.body.slice(0, 300)}`);
      await sleep(retryAfterMs(res) || 1_000);
    }
  };
  const worker = async () => {
    for (let i = next++; i < count; i = next++) accounts[i] = await signUp(`peers-${runId}-${i}@example.com`, strongPassword());
  };
  try {
    await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  } finally {
    client.close();
  }
  return accounts;
}


/**
 * A fresh sign-in for an account (its access token or session renewed), e.g. for the storm's probe late in a
 * long run, when the seeded access tokens (15 minutes) may have expired.
 */
export async function signInAgain(target: Target, account: PeerAccount): Promise<PeerAccount> {
  const client = new BenchHttpClient(target.server.baseUrl, 1);
  try {
    for (let attempt = 1; ; attempt++) {
      const res = await client.send(target.login(account.email, account.password));
      if (res.status === 200) return target.accountOf(account.email, account.password, res);
      if (res.status !== 503 || attempt >= 20) throw new Error(`${target.name}: sign-in failed with status ${res.status}: ${res.body.slice(0, 300)}`);
      await sleep(retryAfterMs(res) || 1_000);
    }
  } finally {
    client.close();
  }
}
