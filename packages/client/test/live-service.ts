// The built service (dist/, as `npm test` builds it) on a database of its own, for the package tests:
// the packages are tested against the real service, never against mocks.
import { AUTH_TEST_ENV } from '../../../test/support/auth-factories';
import { BuiltServer, startBuiltServer } from '../../../test/support/built-server';
import { TEST_JWT_SECRET } from '../../../test/support/test-app';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';

/** Cheap hashes: these tests are about the clients, not about password hashing. */
const CHEAP_ARGON2 = { IDENTSPHERE_ARGON2_MEMORY_KIB: '8192', IDENTSPHERE_ARGON2_ITERATIONS: '1' };

export interface LiveService {
  readonly server: BuiltServer;
  readonly baseUrl: string;
  stop(): Promise<void>;
}

export async function startLiveService(env: Record<string, string> = {}): Promise<LiveService> {
  const db: TestDatabase = await createTestDatabase();
  let server: BuiltServer;
  try {
    server = await startBuiltServer({
      env: { NODE_ENV: 'test', IDENTSPHERE_JWT_SECRET: TEST_JWT_SECRET, IDENTSPHERE_LOG_LEVEL: 'info', ...AUTH_TEST_ENV, ...CHEAP_ARGON2, ...db.env, ...env },
      readyTimeoutMs: 60_000,
    });
  } catch (error) {
    await db.drop();
    throw error;
  }
  return {
    server,
    baseUrl: server.baseUrl,
    stop: async () => {
      await server.stop();
      await db.drop();
    },
  };
}

/**
 * A fetch with the one cookie jar a browser would keep for the service: enough to drive cookie mode from
 * Node, where fetch keeps no cookies.
 */
export function fetchWithCookieJar(): { fetch: (request: Request) => Promise<Response>; cookies: Map<string, string> } {
  const cookies = new Map<string, string>();
  return {
    cookies,
    fetch: async (request: Request) => {
      if (cookies.size) request.headers.set('Cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
      const response = await fetch(request);
      for (const line of response.headers.getSetCookie()) {
        const [pair, ...attributes] = line.split(';');
        const [name, value] = [pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1).trim()];
        if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '') cookies.delete(name);
        else cookies.set(name, value);
      }
      return response;
    },
  };
}
