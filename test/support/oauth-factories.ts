import request from 'supertest';
import { ClientsService } from '@identsphere/clients';
import type { MachinePrincipal } from '@identsphere/common';
import { bearer, dataSource, HttpServer, signup } from './auth-factories';
import { enrolTotp, passwordStep, pinTotpClock, verifyMfa } from './mfa-factories';
import { parsePrometheusText, valueOf } from './prometheus-text';
import type { TestApp } from './test-app';
import { totpCode } from './totp';

export type Scope = 'admin' | 'introspect';

export interface TestClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The actor recorded for clients the tests create directly through the service (no HTTP, no admin). */
const TEST_ACTOR: { caller: MachinePrincipal; context: { ip: string; userAgent: null } } = {
  caller: { kind: 'client', clientId: 'isc_testfactory000000000', scopes: [] },
  context: { ip: '127.0.0.1', userAgent: null },
};

/** A machine client made through ClientsService, for tests about the OAuth endpoints rather than the admin API. */
export async function createClient(t: TestApp, scopes: Scope[], name = 'test-client'): Promise<TestClient> {
  const { client, secret } = await t.app.get(ClientsService).create({ name, scopes }, TEST_ACTOR);
  return { clientId: client.id, clientSecret: secret };
}

/** client_secret_basic: id and secret form-encoded, then base64 (RFC 6749 §2.3.1). */
export const basicAuth = (clientId: string, clientSecret: string) => ({
  Authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
});

/** POST of a form to an /oauth endpoint, authenticated with HTTP Basic. */
export const postForm = (server: HttpServer, path: string, client: TestClient, form: Record<string, string>) =>
  request(server).post(path).set(basicAuth(client.clientId, client.clientSecret)).type('form').send(form);

/** A client-credentials access token (all of the client's scopes unless `scope` narrows them). */
export async function clientToken(server: HttpServer, client: TestClient, scope?: string): Promise<string> {
  const res = await postForm(server, '/oauth/token', client, { grant_type: 'client_credentials', ...(scope ? { scope } : {}) });
  if (res.status !== 200) throw new Error(`token endpoint answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.access_token;
}

export const introspect = (server: HttpServer, client: TestClient, token: string) => postForm(server, '/oauth/introspect', client, { token });

/**
 * A signed-in admin who just stepped up with MFA: the role set in the database, an authenticator app
 * enrolled, then a fresh password + TOTP login (so the token carries the role and acr 'mfa').
 * Pins the TOTP clock (jest.spyOn): call jest.restoreAllMocks() after the test.
 */
export async function adminSignedIn(t: TestApp): Promise<{ accessToken: string; userId: string }> {
  const clock = pinTotpClock(t);
  const account = await signup(t.server, { mode: 'bearer' });
  await dataSource(t).query(`UPDATE users SET roles = '{admin}' WHERE id = $1`, [account.user.id]);
  const totp = await enrolTotp(t.server, account.accessToken, clock.now());
  clock.set(clock.now() + 30);
  const mfaToken = await passwordStep(t.server, account.email, account.password);
  const res = await verifyMfa(t.server, mfaToken, 'totp', totpCode(totp.secret, clock.now()));
  if (res.status !== 200) throw new Error(`mfa verify answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { accessToken: res.body.accessToken, userId: account.user.id };
}

/** POST /v1/admin/clients as `accessToken` (an admin user's or a client's). */
export const adminCreateClient = (server: HttpServer, accessToken: string, body: Record<string, unknown>) => request(server).post('/v1/admin/clients').set(bearer(accessToken)).send(body);

/** Disables or enables a client through the service, as an admin would. */
export async function setClientDisabled(t: TestApp, clientId: string, disabled: boolean): Promise<void> {
  const clients = t.app.get(ClientsService);
  await (disabled ? clients.disable(clientId, TEST_ACTOR) : clients.enable(clientId, TEST_ACTOR));
}

/**
 * The value of one sample of /metrics with exactly these labels (0 when the series does not exist yet).
 * Reads only the lines of `name`: the strict parser would trip over a runtime gauge (event-loop lag) that
 * is NaN right after boot, which is not what these tests are about.
 */
export async function metricSample(server: HttpServer, name: string, labels: Record<string, string>): Promise<number> {
  const text = (await request(server).get('/metrics').expect(200)).text;
  const lines = text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`# TYPE ${name} `));
  return valueOf(parsePrometheusText(lines.join('\n')), name, labels);
}
