import { createHash, randomBytes } from 'node:crypto';
import request, { Response } from 'supertest';
import { AUTH_TEST_ENV, cookieHeaderOf, CSRF_HEADER, dataSource, refreshCookieOf, setCookies, startAuthApp } from './auth-factories';
import { OidcTestProvider, TestAccount } from './oidc-test-provider';
import type { TestApp } from './test-app';

/** The SPA the tests sign in to, and the public URL of the service (the redirect URI registered at the provider). */
export const SPA_ORIGIN = 'https://app.example.test';
export const RETURN_TO = `${SPA_ORIGIN}/after-sso`;
export const PUBLIC_BASE_URL = 'http://auth.example.test';
export const CALLBACK_URL = `${PUBLIC_BASE_URL}/v1/auth/sso/callback`;
export const SSO_COOKIE = 'identsphere-sso';

export const TEST_CLIENT = { clientId: 'identsphere-sso-test', clientSecret: 'sso-test-client-secret-0123456789', redirectUris: [CALLBACK_URL] };

export interface ProviderSeed {
  readonly id: string;
  readonly issuer: string;
  readonly domains: readonly string[];
  readonly enforceSso?: boolean;
  readonly roleMapping?: Record<string, string[]>;
  /** The claim carrying the user's groups (role mapping applies only with one). */
  readonly groupsClaim?: string;
}

/** The IDENTSPHERE_OIDC_PROVIDERS entry (infrastructure as code) of a provider at the test OP. */
export const providerSeed = (p: ProviderSeed) => ({
  id: p.id,
  name: `Test ${p.id}`,
  issuer: p.issuer,
  clientId: TEST_CLIENT.clientId,
  clientSecret: TEST_CLIENT.clientSecret,
  domains: p.domains,
  scopes: ['openid', 'email', 'profile'],
  ...(p.enforceSso ? { enforceSso: true } : {}),
  ...(p.roleMapping ? { roleMapping: p.roleMapping } : {}),
  ...(p.groupsClaim ? { claims: { groups: p.groupsClaim } } : {}),
});

/** An auth app that knows the given providers, serves the test SPA and answers at PUBLIC_BASE_URL. */
export function startSsoApp(providers: readonly ProviderSeed[], env: Record<string, string> = {}): Promise<TestApp> {
  return startAuthApp({
    env: {
      ...AUTH_TEST_ENV,
      IDENTSPHERE_PUBLIC_BASE_URL: PUBLIC_BASE_URL,
      IDENTSPHERE_CORS_ORIGINS: SPA_ORIGIN,
      IDENTSPHERE_OIDC_PROVIDERS: JSON.stringify(providers.map(providerSeed)),
      ...env,
    },
  });
}

export const startTestOp = () => OidcTestProvider.start({ clients: [TEST_CLIENT] });

/** A provider account with a fresh subject and an address at `domain`. */
export function newAccount(op: OidcTestProvider, domain: string, overrides: Partial<TestAccount> = {}): TestAccount {
  const id = randomBytes(5).toString('hex');
  const account = { sub: `sub-${id}`, email: `user-${id}@${domain}`, emailVerified: true, name: `User ${id}`, ...overrides };
  op.addAccount(account);
  return account;
}

export interface StartedSso {
  readonly res: Response;
  /** `name=value` of the browser-binding cookie. */
  readonly binding: string;
  readonly authorizationUrl: URL;
}

export async function startSso(t: TestApp, query: Record<string, string>): Promise<StartedSso> {
  const res = await request(t.server).get('/v1/auth/sso/start').query({ returnTo: RETURN_TO, ...query });
  if (res.status !== 302) throw new Error(`sso start answered ${res.status}: ${JSON.stringify(res.body)}`);
  const cookie = setCookies(res).find((c) => c.name === SSO_COOKIE);
  return { res, binding: cookie ? cookieHeaderOf(cookie) : '', authorizationUrl: new URL(res.headers.location) };
}

/** The callback as the browser would request it after the provider's redirect (`back`: that redirect's URL). */
export function callback(t: TestApp, back: string, binding: string) {
  const url = new URL(back);
  if (url.origin + url.pathname !== CALLBACK_URL) throw new Error(`the provider redirected elsewhere: ${url.origin}${url.pathname}`);
  return request(t.server).get(url.pathname + url.search).set('Cookie', binding);
}

/** The whole dance: start, sign in at the provider as `sub`, callback. */
export async function ssoLogin(t: TestApp, op: OidcTestProvider, sub: string, query: Record<string, string> = {}) {
  const started = await startSso(t, query);
  const back = await op.authorize(started.authorizationUrl.href, sub);
  const res = await callback(t, back, started.binding);
  return { started, back, res };
}

/** Where the callback sent the browser, and the `error` or `code` it added. */
export function landing(res: Response): { url: string; error: string | null; code: string | null } {
  if (res.status !== 302) throw new Error(`sso callback answered ${res.status}: ${JSON.stringify(res.body)}`);
  const url = new URL(res.headers.location);
  return { url: url.origin + url.pathname, error: url.searchParams.get('error'), code: url.searchParams.get('code') };
}

/** Cookie mode: the session the callback started, refreshed as the SPA would, and the signed-in user. */
export async function sessionOf(t: TestApp, res: Response): Promise<{ accessToken: string; me: any }> {
  const cookie = refreshCookieOf(res);
  if (!cookie) throw new Error('the callback set no refresh cookie');
  const refreshed = await request(t.server).post('/v1/auth/refresh').set('Cookie', cookieHeaderOf(cookie)).set(CSRF_HEADER).expect(200);
  const me = await request(t.server).get('/v1/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`).expect(200);
  return { accessToken: refreshed.body.accessToken, me: me.body };
}

/** A PKCE pair for bearer mode. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export const ssoEvents = (t: TestApp, userId: string) =>
  dataSource(t).query(`SELECT type, detail FROM security_events WHERE user_id = $1 AND type LIKE ANY (ARRAY['sso_%', 'identity_linked', 'signup']) ORDER BY seq`, [userId]);

/** The link token of a login refused with error=account_exists_link_required. */
export function linkTokenOf(res: Response): string {
  const token = new URL(res.headers.location).searchParams.get('linkToken');
  if (!token) throw new Error(`no linkToken in ${res.headers.location}`);
  return token;
}
