import request from 'supertest';
import { ClientsService } from '@identsphere/clients';
import type { MachinePrincipal } from '@identsphere/common';
import { bearer, HttpServer } from './auth-factories';
import type { TestApp } from './test-app';

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

/** POST /v1/admin/clients as `accessToken` (an admin user's or a client's). */
export const adminCreateClient = (server: HttpServer, accessToken: string, body: Record<string, unknown>) => request(server).post('/v1/admin/clients').set(bearer(accessToken)).send(body);

/** Disables or enables a client through the service, as an admin would. */
export async function setClientDisabled(t: TestApp, clientId: string, disabled: boolean): Promise<void> {
  const clients = t.app.get(ClientsService);
  await (disabled ? clients.disable(clientId, TEST_ACTOR) : clients.enable(clientId, TEST_ACTOR));
}
