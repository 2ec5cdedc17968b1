import { getDataSourceToken } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import request, { Response } from 'supertest';
import type { DataSource } from 'typeorm';
import { startTestApp, TestApp, TestAppOptions } from './test-app';

/** What supertest can target: the app's server, or a base URL (for truly concurrent requests use `listen: true`). */
export type HttpServer = TestApp['server'] | string;
export type AuthMode = 'cookie' | 'bearer';

/**
 * Defaults for auth e2e apps: throttles and the hash queue are opened wide so that a file with many
 * sign-ups from one loopback IP tests the flow it is about, not the throttles (those have their own tests).
 */
export const AUTH_TEST_ENV: Readonly<Record<string, string>> = {
  IDENTSPHERE_IP_MAX_ATTEMPTS: '100000',
  IDENTSPHERE_LOGIN_MAX_FAILURES: '1000',
  IDENTSPHERE_HASH_QUEUE_MAX: '1000',
};

export function startAuthApp(options: TestAppOptions = {}): Promise<TestApp> {
  return startTestApp({ ...options, env: { ...AUTH_TEST_ENV, ...options.env } });
}

/** An auth app for `fn` alone (e.g. a second instance on the same database), closed afterwards whatever `fn` does. */
export async function withAuthApp<T>(options: TestAppOptions, fn: (t: TestApp) => Promise<T>): Promise<T> {
  const t = await startAuthApp(options);
  try {
    return await fn(t);
  } finally {
    await t.close();
  }
}

export const CSRF_HEADER = { 'X-IdentSphere-CSRF': '1' } as const;
export const BEARER_MODE = { 'X-Auth-Mode': 'bearer' } as const;

/** A fresh address per call; the local part is long enough to count as context for the password policy. */
export function uniqueEmail(localPrefix = 'user'): string {
  return `${localPrefix}-${randomBytes(5).toString('hex')}@example.com`;
}

/** ≥ 15 code points, not on any blocklist, free of the email local part and the product name. */
export function strongPassword(): string {
  return `Quartz-${randomBytes(9).toString('base64url')}-meadow`;
}

export const bearer = (accessToken: string) => ({ Authorization: `Bearer ${accessToken}` });

export interface ParsedCookie {
  readonly name: string;
  readonly value: string;
  /** Attribute names lower-cased; flag attributes map to ''. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly raw: string;
}

export function parseSetCookie(raw: string): ParsedCookie {
  const [pair, ...attrs] = raw.split(';').map((s) => s.trim());
  const eq = pair.indexOf('=');
  const attributes: Record<string, string> = {};
  for (const attr of attrs) {
    if (!attr) continue;
    const i = attr.indexOf('=');
    attributes[(i < 0 ? attr : attr.slice(0, i)).toLowerCase()] = i < 0 ? '' : attr.slice(i + 1);
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes, raw };
}

export function setCookies(res: Response): ParsedCookie[] {
  const header = res.headers['set-cookie'] as unknown as string[] | string | undefined;
  const list = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return list.map(parseSetCookie);
}

/** The refresh cookie the response sets, whatever its prefix, or undefined. */
export function refreshCookieOf(res: Response): ParsedCookie | undefined {
  return setCookies(res).find((c) => /^(__Host-|__Secure-)?identsphere_refresh$/.test(c.name));
}

export interface AuthResult {
  readonly res: Response;
  readonly body: any;
  readonly email: string;
  readonly password: string;
  readonly user: any;
  readonly accessToken: string;
  readonly sessionId: string;
  /** Bearer mode: from the body; cookie mode: the cookie's value. */
  readonly refreshToken: string;
  /** Cookie mode: the parsed Set-Cookie of the refresh cookie. */
  readonly cookie?: ParsedCookie;
  /** Cookie mode: `name=value` for a Cookie request header. */
  readonly cookieHeader: string;
}

export interface CredentialsOptions {
  readonly email?: string;
  readonly password?: string;
  readonly displayName?: string;
  readonly mode?: AuthMode;
  readonly userAgent?: string;
  readonly headers?: Record<string, string>;
}

export async function signup(server: HttpServer, opts: CredentialsOptions = {}): Promise<AuthResult> {
  const email = opts.email ?? uniqueEmail();
  const password = opts.password ?? strongPassword();
  const body: Record<string, string> = { email, password };
  if (opts.displayName !== undefined) body.displayName = opts.displayName;
  const res = await send(request(server).post('/v1/auth/signup'), opts).send(body);
  return toAuthResult(res, 201, email, password, 'signup');
}

export async function login(server: HttpServer, opts: CredentialsOptions & { email: string; password: string }): Promise<AuthResult> {
  const res = await send(request(server).post('/v1/auth/login'), opts).send({ email: opts.email, password: opts.password });
  return toAuthResult(res, 200, opts.email, opts.password, 'login');
}

/** Cookie-mode refresh as a browser SPA sends it (cookie + CSRF header, no body). */
export function refreshWithCookie(server: HttpServer, cookieHeader: string, headers: Record<string, string> = {}) {
  return request(server).post('/v1/auth/refresh').set('Cookie', cookieHeader).set(CSRF_HEADER).set(headers);
}

/** Bearer-mode refresh as a generated client sends it. */
export function refreshWithToken(server: HttpServer, refreshToken: string) {
  return request(server).post('/v1/auth/refresh').set(BEARER_MODE).send({ refreshToken });
}

export const cookieHeaderOf = (cookie: ParsedCookie) => `${cookie.name}=${cookie.value}`;

/** The parsed refresh result (cookie mode): the new cookie header and access token. */
export function rotated(res: Response): { cookieHeader: string; accessToken: string; refreshToken: string } {
  const cookie = refreshCookieOf(res);
  if (res.status !== 200 || !cookie) throw new Error(`refresh failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { cookieHeader: cookieHeaderOf(cookie), accessToken: res.body.accessToken, refreshToken: cookie.value };
}

/** Asserts an RFC 9457 problem response with the given status and code. */
export function expectProblem(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
}

export function withoutRequestId(body: Record<string, unknown>): Record<string, unknown> {
  const { requestId: _ignored, ...rest } = body;
  return rest;
}

export function dataSource(t: TestApp): DataSource {
  return t.app.get<DataSource>(getDataSourceToken());
}

export async function disableUser(t: TestApp, userId: string): Promise<void> {
  await dataSource(t).query('UPDATE users SET disabled_at = now() WHERE id = $1', [userId]);
}

export const randomId = () => randomUUID();

function send(req: request.Test, opts: CredentialsOptions): request.Test {
  if (opts.mode === 'bearer') req.set(BEARER_MODE);
  if (opts.userAgent) req.set('User-Agent', opts.userAgent);
  if (opts.headers) req.set(opts.headers);
  return req;
}

function toAuthResult(res: Response, expected: number, email: string, password: string, what: string): AuthResult {
  if (res.status !== expected) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  const cookie = refreshCookieOf(res);
  return {
    res,
    body: res.body,
    email,
    password,
    user: res.body.user,
    accessToken: res.body.accessToken,
    sessionId: res.body.sessionId,
    refreshToken: res.body.refreshToken ?? cookie?.value,
    cookie,
    cookieHeader: cookie ? cookieHeaderOf(cookie) : '',
  };
}
