import request, { Response } from 'supertest';
import { PasswordHasher } from '@identsphere/crypto';
import { dataSource, HttpServer, setCookies, startAuthApp } from './auth-factories';
import type { TestApp, TestAppOptions } from './test-app';

/**
 * Helpers for the throttling and audit tests. Apps start from the auth test defaults, with the two
 * throttles set per test file (the defaults there open them wide), and the cheapest Argon2 cost the
 * config accepts, since these files hash a lot.
 */
export function startThrottledApp(throttles: { maxFailures?: number; ipMaxAttempts?: number; ipWindowSeconds?: number }, options: TestAppOptions = {}): Promise<TestApp> {
  return startAuthApp({
    ...options,
    env: {
      IDENTSPHERE_LOGIN_MAX_FAILURES: String(throttles.maxFailures ?? 1000),
      IDENTSPHERE_IP_MAX_ATTEMPTS: String(throttles.ipMaxAttempts ?? 100000),
      IDENTSPHERE_IP_WINDOW: String(throttles.ipWindowSeconds ?? 900),
      IDENTSPHERE_ARGON2_MEMORY_KIB: '8192',
      IDENTSPHERE_ARGON2_ITERATIONS: '1',
      ...options.env,
    },
  });
}

/** One login attempt, whatever its outcome. */
export function attemptLogin(server: HttpServer, email: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return request(server).post('/v1/auth/login').set(headers).send({ email, password });
}

/** Counts password checks (real and dummy) from now on: a throttled attempt must not add to it. */
export function countPasswordChecks(t: TestApp): { readonly count: number; restore(): void } {
  const hasher = t.app.get(PasswordHasher);
  const spies = [jest.spyOn(hasher, 'verify'), jest.spyOn(hasher, 'verifyDummy')];
  return {
    get count() {
      return spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
    },
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}

/** Simulates the passage of a lock's duration: every current lock now ended a second ago. */
export async function endCurrentLocks(t: TestApp): Promise<void> {
  await dataSource(t).query(`UPDATE login_locks SET locked_until = now() - interval '1 second' WHERE locked_until > now()`);
}

export const retryAfterOf = (res: Response): number => Number(res.headers['retry-after']);

/** The device cookie a successful cookie-mode login sets, as a Cookie header value. */
export function deviceCookieOf(res: Response): string {
  const cookie = setCookies(res).find((c) => /^(__Host-)?identsphere_device$/.test(c.name));
  if (!cookie) throw new Error('no device cookie was set');
  return `${cookie.name}=${cookie.value}`;
}

/** Every stored security event row (all columns), oldest first. */
export function storedEvents(t: TestApp, userId?: string): Promise<Array<Record<string, unknown>>> {
  return userId === undefined
    ? dataSource(t).query(`SELECT * FROM security_events ORDER BY seq`)
    : dataSource(t).query(`SELECT * FROM security_events WHERE user_id = $1 ORDER BY seq`, [userId]);
}
