import { createIdentSphereClient, IdentSphereProblem, isProblem, unwrap } from '@identsphere/client';
import { strongPassword, uniqueEmail } from '../../../test/support/auth-factories';
import { fetchWithCookieJar, LiveService, startLiveService } from './live-service';

/** The error an async step threw (the test fails when it resolved). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('@identsphere/client against the live built service', () => {
  let live: LiveService;
  beforeAll(async () => {
    live = await startLiveService();
  }, 90_000);
  afterAll(() => live?.stop());

  describe('bearer mode', () => {
    it('signs up, logs in, reads the account, refreshes and logs out; the ended session refreshes no more', async () => {
      let accessToken: string | null = null;
      const client = createIdentSphereClient({ baseUrl: live.baseUrl, mode: 'bearer', accessToken: () => accessToken });
      const email = uniqueEmail();
      const password = strongPassword();

      const signup = unwrap(await client.POST('/v1/auth/signup', { body: { email, password } }));
      expect(signup).toMatchObject({ user: { email }, refreshToken: expect.any(String) });

      const login = unwrap(await client.POST('/v1/auth/login', { body: { email, password } }));
      if (!('refreshToken' in login)) throw new Error('bearer mode answers the refresh token in the body');
      accessToken = login.accessToken;

      const me = unwrap(await client.GET('/v1/me'));
      expect(me).toMatchObject({ email, identities: [] });

      const refreshed = unwrap(await client.POST('/v1/auth/refresh', { body: { refreshToken: login.refreshToken } }));
      if (!('refreshToken' in refreshed)) throw new Error('bearer mode answers the refresh token in the body');
      expect(refreshed.refreshToken).not.toBe(login.refreshToken);
      expect(refreshed.sessionId).toBe(login.sessionId);
      accessToken = refreshed.accessToken;

      const logout = await client.POST('/v1/auth/logout', { body: { refreshToken: refreshed.refreshToken } });
      expect(logout.response.status).toBe(204);
      expect(unwrap(logout)).toBeUndefined();

      const after = await rejectionOf(client.POST('/v1/auth/refresh', { body: { refreshToken: refreshed.refreshToken } }).then(unwrap));
      expect(after).toBeInstanceOf(IdentSphereProblem);
      expect((after as IdentSphereProblem).status).toBe(401);
      expect(isProblem(after, 'session_revoked') || isProblem(after, 'session_expired') || isProblem(after, 'unauthorized')).toBe(true);
    });

    it('sends no cookie-mode CSRF header and gets no cookie', async () => {
      const seen: Request[] = [];
      const client = createIdentSphereClient({ baseUrl: live.baseUrl, mode: 'bearer', fetch: (request) => (seen.push(request.clone()), fetch(request)) });
      const { response } = await client.POST('/v1/auth/signup', { body: { email: uniqueEmail(), password: strongPassword() } });
      expect(response.status).toBe(201);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(seen[0].headers.get('X-Auth-Mode')).toBe('bearer');
      expect(seen[0].headers.get('X-IdentSphere-CSRF')).toBeNull();
    });
  });

  describe('cookie mode (a cookie jar standing in for the browser)', () => {
    it('signs up, reads the account, refreshes from the cookie alone and logs out', async () => {
      const jar = fetchWithCookieJar();
      let accessToken: string | null = null;
      const client = createIdentSphereClient({ baseUrl: live.baseUrl, mode: 'cookie', fetch: jar.fetch, accessToken: async () => accessToken });
      const email = uniqueEmail();

      const signup = unwrap(await client.POST('/v1/auth/signup', { body: { email, password: strongPassword() } }));
      expect('refreshToken' in signup).toBe(false);
      expect(jar.cookies.get('identsphere_refresh')).toEqual(expect.any(String));
      if (!('accessToken' in signup)) throw new Error('signup signs in (no verified email required here)');
      accessToken = signup.accessToken;
      expect(unwrap(await client.GET('/v1/me')).email).toBe(email);

      // The refresh cookie authenticates this request: the client adds the CSRF header the service requires.
      const firstCookie = jar.cookies.get('identsphere_refresh');
      const refreshed = unwrap(await client.POST('/v1/auth/refresh'));
      expect(refreshed).toMatchObject({ user: { email }, sessionId: signup.sessionId });
      expect(jar.cookies.get('identsphere_refresh')).not.toBe(firstCookie);

      expect((await client.POST('/v1/auth/logout')).response.status).toBe(204);
      expect(jar.cookies.has('identsphere_refresh')).toBe(false);
      const after = await rejectionOf(client.POST('/v1/auth/refresh').then(unwrap));
      expect(isProblem(after, 'unauthorized')).toBe(true);
    });

    it('is what makes a cookie refresh pass: without the CSRF header the service refuses it', async () => {
      const jar = fetchWithCookieJar();
      const client = createIdentSphereClient({ baseUrl: live.baseUrl, mode: 'cookie', fetch: jar.fetch });
      unwrap(await client.POST('/v1/auth/signup', { body: { email: uniqueEmail(), password: strongPassword() } }));
      const bare = await jar.fetch(new Request(`${live.baseUrl}/v1/auth/refresh`, { method: 'POST' }));
      expect(bare.status).toBe(403);
      expect(await bare.json()).toMatchObject({ code: 'csrf_failed' });
    });

    it('lets a request set its own Authorization header', async () => {
      const seen: Request[] = [];
      const client = createIdentSphereClient({ baseUrl: live.baseUrl, mode: 'cookie', fetch: (r) => (seen.push(r.clone()), fetch(r)), accessToken: () => 'from-the-callback' });
      const { response } = await client.GET('/v1/me', { headers: { Authorization: 'Bearer explicit' } });
      expect(response.status).toBe(401);
      expect(seen[0].headers.get('Authorization')).toBe('Bearer explicit');
      expect(seen[0].credentials).toBe('include');
    });
  });

  describe('typed problems', () => {
    const client = () => createIdentSphereClient({ baseUrl: live.baseUrl, mode: 'bearer' });

    it('throws invalid_credentials for a wrong password, with the problem body', async () => {
      const email = uniqueEmail();
      unwrap(await client().POST('/v1/auth/signup', { body: { email, password: strongPassword() } }));
      const error = await rejectionOf(client().POST('/v1/auth/login', { body: { email, password: strongPassword() } }).then(unwrap));
      expect(isProblem(error, 'invalid_credentials')).toBe(true);
      expect(isProblem(error, 'rate_limited')).toBe(false);
      if (!isProblem(error, 'invalid_credentials')) throw error;
      expect(error).toMatchObject({ status: 401, code: 'invalid_credentials', problem: { type: 'urn:identsphere:problem:invalid_credentials', requestId: expect.any(String) } });
      expect(error.message).toMatch(/^401 invalid_credentials: /);
    });

    it('throws validation_failed with the fields and rules that failed', async () => {
      const error = await rejectionOf(client().POST('/v1/auth/signup', { body: { email: 'not an email', password: strongPassword() } }).then(unwrap));
      if (!isProblem(error, 'validation_failed')) throw error;
      expect(error.status).toBe(400);
      expect(error.problem.errors).toEqual([expect.objectContaining({ field: 'email', rule: 'invalid_email' })]);
    });

    it('answers unauthorized without a token', async () => {
      const error = await rejectionOf(client().GET('/v1/me').then(unwrap));
      expect(isProblem(error, 'unauthorized')).toBe(true);
    });

    it('turns an answer without a problem body into a problem of its status', async () => {
      const client = createIdentSphereClient({ baseUrl: live.baseUrl, mode: 'bearer', fetch: async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }) });
      const error = await rejectionOf(client.GET('/v1/me').then(unwrap));
      expect(error).toMatchObject({ status: 502, code: 'unavailable', problem: { title: 'Bad Gateway', status: 502 } });
      expect(isProblem(new Error('plain'))).toBe(false);
    });
  });
});
