import { generateKeyPair } from 'jose';
import request, { Response } from 'supertest';
import { BEARER_MODE, bearer, cookieHeaderOf, CSRF_HEADER, dataSource, expectProblem, refreshCookieOf, setCookies, signup, startAuthApp } from '../support/auth-factories';
import { metricSample } from '../support/metrics-sample';
import { OidcTestProvider } from '../support/oidc-test-provider';
import { landing, newAccount, pkcePair, providerSeed, PUBLIC_BASE_URL, SPA_ORIGIN, ssoLogin, TEST_CLIENT } from '../support/sso-rig';
import type { TestApp } from '../support/test-app';
import { itPg } from '../support/test-database';

const SIGNED_OUT = `${SPA_ORIGIN}/signed-out`;
// Registered with a back-channel logout URI (so ID tokens carry `sid`) and a post-logout redirect URI.
const CLIENT = { ...TEST_CLIENT, backchannelLogoutUri: `${PUBLIC_BASE_URL}/v1/auth/sso/backchannel-logout`, postLogoutRedirectUris: [SIGNED_OUT] };
const BACKCHANNEL = '/v1/auth/sso/backchannel-logout';

/** An SSO session in cookie mode: its refresh cookie, and the provider's session id it came from. */
interface SsoSession {
  readonly cookie: string;
  readonly sid: string;
}

/** Signing out with the provider: back-channel logout from it, RP-initiated logout at it. */
describe('SSO logout', () => {
  let op: OidcTestProvider;
  let t: TestApp;
  beforeAll(async () => {
    op = await OidcTestProvider.start({ clients: [CLIENT] });
    t = await startAuthApp({ listen: true, env: appEnv() });
    op.setBackchannelLogoutUri(CLIENT.clientId, `${t.baseUrl}${BACKCHANNEL}`);
  });
  afterAll(async () => {
    await t?.close();
    await op?.stop();
  });

  /** The service's settings: the test SPA's origin, and the provider `acme` at the test provider. */
  const appEnv = (extra: Record<string, string> = {}) => ({
    IDENTSPHERE_PUBLIC_BASE_URL: PUBLIC_BASE_URL,
    IDENTSPHERE_CORS_ORIGINS: SPA_ORIGIN,
    IDENTSPHERE_OIDC_PROVIDERS: JSON.stringify([providerSeed({ id: 'acme', issuer: op.issuer, domains: ['acme.test'] })]),
    ...extra,
  });

  async function ssoSession(sub: string): Promise<SsoSession> {
    const { res } = await ssoLogin(t, op, sub, { provider: 'acme' });
    const cookie = refreshCookieOf(res);
    if (landing(res).error || !cookie) throw new Error(`sso login failed: ${landing(res).error}`);
    return { cookie: cookieHeaderOf(cookie), sid: op.sessionIdsOf(sub).at(-1)! };
  }

  const refresh = (session: SsoSession) => request(t.server).post('/v1/auth/refresh').set('Cookie', session.cookie).set(CSRF_HEADER);
  const backchannel = (token: string) => request(t.server).post(BACKCHANNEL).type('form').send({ logout_token: token });
  const ssoLogoutEvents = async (sub: string) => {
    const rows = await dataSource(t).query(
      `SELECT e.type, e.session_id, e.detail FROM security_events e JOIN user_identities i ON i.user_id = e.user_id WHERE i.subject = $1 AND e.type = 'sso_logout' ORDER BY e.seq`,
      [sub],
    );
    return rows.map((r: { session_id: string; detail: Record<string, string> }) => ({ sessionId: r.session_id, ...r.detail }));
  };
  const sessionIdOf = async (session: SsoSession) => (await refresh(session).expect(200)).body.sessionId as string;

  describe('back-channel logout', () => {
    it('ends the session of the provider session named by sid, and only that one', async () => {
      const account = newAccount(op, 'acme.test');
      const first = await ssoSession(account.sub);
      const second = await ssoSession(account.sub);
      expect(first.sid).not.toBe(second.sid);
      const before = await metricSample(t.server, 'identsphere_sso_logouts_total', { channel: 'backchannel', outcome: 'ended' });

      const res = await backchannel(await op.logoutToken(CLIENT.clientId, { sid: first.sid })).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expectProblem(await refresh(first), 401, 'session_revoked');
      const survivor = await refresh(second).expect(200);
      await request(t.server).get('/v1/me').set(bearer(survivor.body.accessToken)).expect(200);
      expect(await ssoLogoutEvents(account.sub)).toEqual([{ sessionId: expect.any(String), provider: 'acme', via: 'backchannel' }]);
      expect(await metricSample(t.server, 'identsphere_sso_logouts_total', { channel: 'backchannel', outcome: 'ended' })).toBe(before + 1);
    });

    it('ends every session of the user named by sub alone, and stops their access tokens at once', async () => {
      const account = newAccount(op, 'acme.test');
      const bystander = newAccount(op, 'acme.test');
      const sessions = [await ssoSession(account.sub), await ssoSession(account.sub)];
      const accessToken = (await refresh(sessions[0]).expect(200)).body.accessToken;
      const other = await ssoSession(bystander.sub);

      await backchannel(await op.logoutToken(CLIENT.clientId, { sub: account.sub })).expect(200);
      for (const session of sessions) expectProblem(await refresh(session), 401, 'session_revoked');
      expectProblem(await request(t.server).get('/v1/me').set(bearer(accessToken)), 401, 'unauthorized');
      await refresh(other).expect(200);
      expect(await ssoLogoutEvents(account.sub)).toHaveLength(2);
    });

    it('accepts the provider\'s own delivery to the registered URI, form-encoded (200)', async () => {
      const account = newAccount(op, 'acme.test');
      const session = await ssoSession(account.sub);
      expect(await op.sendBackchannelLogout(CLIENT.clientId, account.sub, session.sid)).toBe(200);
      expectProblem(await refresh(session), 401, 'session_revoked');
    });

    it('answers 200 for a valid token that matches no session (unknown subject), ending nothing', async () => {
      const account = newAccount(op, 'acme.test');
      const session = await ssoSession(account.sub);
      await backchannel(await op.logoutToken(CLIENT.clientId, { sub: 'someone-else' })).expect(200);
      await backchannel(await op.logoutToken(CLIENT.clientId, { sid: 'no-such-sid' })).expect(200);
      await refresh(session).expect(200);
    });

    it('refuses a replayed token (same jti) with 400 invalid_logout_token, never cached', async () => {
      const account = newAccount(op, 'acme.test');
      const token = await op.logoutToken(CLIENT.clientId, { sub: account.sub });
      await backchannel(token).expect(200);
      const replayed = await backchannel(token);
      expectProblem(replayed, 400, 'invalid_logout_token');
      expect(replayed.headers['cache-control']).toBe('no-store');
      // A new login after the replay is not ended by it.
      await refresh(await ssoSession(account.sub)).expect(200);
    });

    it.each([
      ['another audience', { aud: 'someone-elses-client' }],
      ['another issuer', { iss: 'https://evil.example.test' }],
      ['no logout event', { events: undefined }],
      ['another event', { events: { 'http://schemas.openid.net/event/something-else': {} } }],
      ['a nonce (an ID token passed off as a logout token)', { nonce: 'n-0S6_WzA2Mj' }],
      ['neither sub nor sid', { sub: undefined, sid: undefined }],
      ['no jti', { jti: undefined }],
      ['an iat ten minutes old', { iat: Math.floor(Date.now() / 1000) - 600 }],
      ['an expired exp', { exp: Math.floor(Date.now() / 1000) - 120 }],
    ])('refuses a token with %s (400 invalid_logout_token) and ends nothing', async (_what, overrides) => {
      const account = newAccount(op, 'acme.test');
      const session = await ssoSession(account.sub);
      expectProblem(await backchannel(await op.logoutToken(CLIENT.clientId, { sub: account.sub, sid: session.sid }, overrides)), 400, 'invalid_logout_token');
      await refresh(session).expect(200);
    });

    it('refuses a token signed with a key the provider does not publish, and one that is not a JWT', async () => {
      const account = newAccount(op, 'acme.test');
      const session = await ssoSession(account.sub);
      const forger = await generateKeyPair('RS256');
      const forged = await op.logoutToken(CLIENT.clientId, { sub: account.sub }, {}, { privateKey: forger.privateKey, kid: op.currentKeyId });
      expectProblem(await backchannel(forged), 400, 'invalid_logout_token');
      const [header, payload] = (await op.logoutToken(CLIENT.clientId, { sub: account.sub })).split('.');
      expectProblem(await backchannel(`${header}.${payload}.`), 400, 'invalid_logout_token');
      expectProblem(await backchannel('not-a-jwt'), 400, 'invalid_logout_token');
      expectProblem(await request(t.server).post(BACKCHANNEL).type('form').send({}), 400, 'validation_failed');
      await refresh(session).expect(200);
    });

    itPg('needs real PostgreSQL (TEST_DATABASE_URL): accepts one token once across instances: the same token posted to two instances at once ends the sessions once', async () => {
      const account = newAccount(op, 'acme.test');
      const session = await ssoSession(account.sub);
      const second = await startAuthApp({ db: t.db, env: appEnv() });
      try {
        const token = await op.logoutToken(CLIENT.clientId, { sub: account.sub });
        const post = (server: TestApp['server']) => request(server).post(BACKCHANNEL).type('form').send({ logout_token: token });
        const statuses = (await Promise.all([post(t.server), post(second.server)])).map((r) => r.status).sort();
        expect(statuses).toEqual([200, 400]);
        expectProblem(await refresh(session), 401, 'session_revoked');
        expect(await ssoLogoutEvents(account.sub)).toHaveLength(1);
      } finally {
        await second.close();
      }
    });

    it('answers 429 rate_limited to an IP after too many refused tokens, never counting valid ones', async () => {
      const strict = await startAuthApp({ env: appEnv({ IDENTSPHERE_IP_MAX_ATTEMPTS: '3' }) });
      try {
        const post = async (token: string) => request(strict.server).post(BACKCHANNEL).type('form').send({ logout_token: token });
        for (let i = 0; i < 5; i++) expect((await post(await op.logoutToken(CLIENT.clientId, { sub: 'anyone' }))).status).toBe(200);
        for (let i = 0; i < 3; i++) expectProblem(await post(await op.logoutToken(CLIENT.clientId, { sub: 'anyone' }, { aud: 'wrong' })), 400, 'invalid_logout_token');
        const throttled = await post(await op.logoutToken(CLIENT.clientId, { sub: 'anyone' }));
        expectProblem(throttled, 429, 'rate_limited');
        expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
      } finally {
        await strict.close();
      }
    });

    it('follows a provider that rotated its keys: a token under the new kid is accepted', async () => {
      const account = newAccount(op, 'acme.test');
      const session = await ssoSession(account.sub);
      await op.rotateKeys();
      await backchannel(await op.logoutToken(CLIENT.clientId, { sub: account.sub })).expect(200);
      expectProblem(await refresh(session), 401, 'session_revoked');
    });
  });

  describe('RP-initiated logout (POST /v1/auth/sso/logout)', () => {
    const ssoLogout = (session: SsoSession, body: Record<string, string> = {}) => request(t.server).post('/v1/auth/sso/logout').set('Cookie', session.cookie).set(CSRF_HEADER).send(body);

    it('ends the session here and answers the provider\'s end-session URL with our client_id and the post-logout redirect', async () => {
      const account = newAccount(op, 'acme.test');
      const session = await ssoSession(account.sub);
      const res = await ssoLogout(session, { postLogoutRedirectUri: SIGNED_OUT }).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const cleared = setCookies(res).find((c) => c.name === session.cookie.split('=')[0]);
      expect(cleared?.value).toBe('');
      const url = new URL(res.body.endSessionUrl);
      const discovery = (await (await fetch(`${op.issuer}/.well-known/openid-configuration`)).json()) as { end_session_endpoint: string };
      expect(url.origin + url.pathname).toBe(discovery.end_session_endpoint);
      expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: CLIENT.clientId, post_logout_redirect_uri: SIGNED_OUT });
      expectProblem(await refresh(session), 401, 'session_revoked');
      expect(await ssoLogoutEvents(account.sub)).toEqual([{ sessionId: expect.any(String), provider: 'acme', via: 'rp_initiated' }]);
      // The provider accepts it: its logout page answers, not an error about the client or the redirect.
      expect((await fetch(res.body.endSessionUrl)).status).toBe(200);
    });

    it('works in bearer mode with the refresh token in the body, and with the access token alone', async () => {
      const account = newAccount(op, 'acme.test');
      const { verifier, challenge } = pkcePair();
      const { code } = landing((await ssoLogin(t, op, account.sub, { provider: 'acme', mode: 'bearer', codeChallenge: challenge })).res);
      const tokens = (await request(t.server).post('/v1/auth/sso/exchange').send({ code, codeVerifier: verifier }).expect(200)).body;
      const res = await request(t.server).post('/v1/auth/sso/logout').set(BEARER_MODE).send({ refreshToken: tokens.refreshToken }).expect(200);
      expect(res.body.endSessionUrl).toMatch(new RegExp(`^${op.issuer}/`));
      expect(setCookies(res)).toEqual([]);
      expectProblem(await request(t.server).post('/v1/auth/refresh').set(BEARER_MODE).send({ refreshToken: tokens.refreshToken }), 401, 'session_revoked');

      const session = await ssoSession(account.sub);
      const accessToken = (await refresh(session).expect(200)).body.accessToken;
      const byAccessToken = await request(t.server).post('/v1/auth/sso/logout').set(bearer(accessToken)).set(BEARER_MODE).expect(200);
      expect(byAccessToken.body.endSessionUrl).toMatch(new RegExp(`^${op.issuer}/`));
      expectProblem(await request(t.server).get('/v1/me').set(bearer(accessToken)), 401, 'unauthorized');
    });

    it('answers endSessionUrl null for a password session, or a session already ended (idempotent)', async () => {
      const local = await signup(t.server, { mode: 'bearer' });
      const res = await request(t.server).post('/v1/auth/sso/logout').set(BEARER_MODE).send({ refreshToken: local.refreshToken }).expect(200);
      expect(res.body).toEqual({ endSessionUrl: null });
      expectProblem(await request(t.server).post('/v1/auth/refresh').set(BEARER_MODE).send({ refreshToken: local.refreshToken }), 401, 'session_revoked');
      const again = await request(t.server).post('/v1/auth/sso/logout').set(BEARER_MODE).send({ refreshToken: local.refreshToken }).expect(200);
      expect(again.body).toEqual({ endSessionUrl: null });
    });

    it('refuses a post-logout redirect off the allowed origins (400 invalid_return_to) before ending anything', async () => {
      const session = await ssoSession(newAccount(op, 'acme.test').sub);
      expectProblem(await ssoLogout(session, { postLogoutRedirectUri: 'https://evil.example.test/phish' }), 400, 'invalid_return_to');
      await refresh(session).expect(200);
    });

    it('requires the CSRF header when the refresh cookie authenticates it (403 csrf_failed)', async () => {
      const session = await ssoSession(newAccount(op, 'acme.test').sub);
      expectProblem(await request(t.server).post('/v1/auth/sso/logout').set('Cookie', session.cookie).send({}), 403, 'csrf_failed');
      await refresh(session).expect(200);
    });

    itPg('needs real PostgreSQL (TEST_DATABASE_URL): still ends the session here when the provider is unreachable (endSessionUrl null); its logout tokens cannot be checked (400)', async () => {
      const down = await OidcTestProvider.start({ clients: [CLIENT] });
      const env = { IDENTSPHERE_PUBLIC_BASE_URL: PUBLIC_BASE_URL, IDENTSPHERE_CORS_ORIGINS: SPA_ORIGIN, IDENTSPHERE_OIDC_PROVIDERS: JSON.stringify([providerSeed({ id: 'flaky', issuer: down.issuer, domains: ['flaky.test'] })]) };
      const app = await startAuthApp({ env });
      try {
        const account = newAccount(down, 'flaky.test');
        const cookie = cookieHeaderOf(refreshCookieOf((await ssoLogin(app, down, account.sub, { provider: 'flaky' })).res)!);
        const logoutToken = await down.logoutToken(CLIENT.clientId, { sub: account.sub });
        await down.stop();
        // A second instance has no discovery cached: it asks the provider, which does not answer.
        const fresh = await startAuthApp({ db: app.db, env });
        try {
          const before = await metricSample(fresh.server, 'identsphere_sso_logouts_total', { channel: 'backchannel', outcome: 'provider_unavailable' });
          expectProblem(await request(fresh.server).post(BACKCHANNEL).type('form').send({ logout_token: logoutToken }), 400, 'invalid_logout_token');
          expect(await metricSample(fresh.server, 'identsphere_sso_logouts_total', { channel: 'backchannel', outcome: 'provider_unavailable' })).toBe(before + 1);
          const out: Response = await request(fresh.server).post('/v1/auth/sso/logout').set('Cookie', cookie).set(CSRF_HEADER).expect(200);
          expect(out.body).toEqual({ endSessionUrl: null });
        } finally {
          await fresh.close();
        }
        expectProblem(await request(app.server).post('/v1/auth/refresh').set('Cookie', cookie).set(CSRF_HEADER), 401, 'session_revoked');
      } finally {
        await app.close();
        await down.stop();
      }
    });
  });

  it('keeps plain logout local: POST /v1/auth/logout ends our session only, recorded as logout', async () => {
    const account = newAccount(op, 'acme.test');
    const session = await ssoSession(account.sub);
    const id = await sessionIdOf(session);
    await request(t.server).post('/v1/auth/logout').set('Cookie', session.cookie).set(CSRF_HEADER).expect(204);
    expect(await dataSource(t).query(`SELECT type FROM security_events WHERE session_id = $1 AND type IN ('logout', 'sso_logout')`, [id])).toEqual([{ type: 'logout' }]);
  });
});

/** The form body is refused on other paths (the edge admits forms where a spec defines them only). */
describe('forms elsewhere', () => {
  it('still answers 415 to a form posted to a JSON endpoint', async () => {
    const t = await startAuthApp();
    try {
      expectProblem(await request(t.server).post('/v1/auth/sso/logout').type('form').send({ postLogoutRedirectUri: SIGNED_OUT }), 415, 'unsupported_media_type');
    } finally {
      await t.close();
    }
  });
});
