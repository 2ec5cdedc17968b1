import request from 'supertest';
import { CLIENT_SECRET_PREFIX } from '@identsphere/clients';
import { startAuthApp } from '../support/auth-factories';
import { claimsOf } from '../support/mfa-factories';
import { metricSample } from '../support/metrics-sample';
import { basicAuth, createClient, postForm, setClientDisabled } from '../support/oauth-factories';
import type { TestApp } from '../support/test-app';

const GRANT = { grant_type: 'client_credentials' };

describe('POST /oauth/token (client credentials)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  it('issues an RFC 9068 access token to a client authenticated with HTTP Basic, never cached', async () => {
    const client = await createClient(t, ['introspect', 'admin']);
    const res = await postForm(t.server, '/oauth/token', client, GRANT).expect(200);
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: t.config.tokens.accessTtlSeconds, scope: 'introspect admin' });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['pragma']).toBe('no-cache');
    const claims = claimsOf(res.body.access_token);
    expect(claims).toMatchObject({ sub: client.clientId, client_id: client.clientId, scope: 'introspect admin', iss: t.config.tokens.issuer });
    expect(claims.sid).toBeUndefined();
  });

  it('accepts client_secret_post, form-encoded or JSON', async () => {
    const client = await createClient(t, ['introspect']);
    const body = { ...GRANT, client_id: client.clientId, client_secret: client.clientSecret };
    await request(t.server).post('/oauth/token').type('form').send(body).expect(200);
    await request(t.server).post('/oauth/token').send(body).expect(200);
  });

  it('narrows the grant to the requested scope, and refuses a scope beyond the client or unknown (invalid_scope)', async () => {
    const client = await createClient(t, ['introspect', 'admin']);
    const narrowed = await postForm(t.server, '/oauth/token', client, { ...GRANT, scope: 'introspect' }).expect(200);
    expect(claimsOf(narrowed.body.access_token).scope).toBe('introspect');
    const onlyIntrospect = await createClient(t, ['introspect']);
    expect((await postForm(t.server, '/oauth/token', onlyIntrospect, { ...GRANT, scope: 'admin' }).expect(400)).body).toEqual({ error: 'invalid_scope', error_description: expect.any(String) });
    expect((await postForm(t.server, '/oauth/token', client, { ...GRANT, scope: 'superuser' }).expect(400)).body.error).toBe('invalid_scope');
  });

  it.each([
    ['a wrong secret', (id: string, secret: string) => basicAuth(id, `${secret.slice(0, -1)}x`)],
    ['an unknown client', (_id: string, secret: string) => basicAuth('isc_AAAAAAAAAAAAAAAAAAAAAA', secret)],
    ['a malformed Basic header', () => ({ Authorization: 'Basic %%%' })],
    ['no credentials at all', () => ({})],
  ])('answers 401 invalid_client with a Basic challenge for %s', async (_what, headers) => {
    const client = await createClient(t, ['introspect']);
    const res = await request(t.server).post('/oauth/token').set(headers(client.clientId, client.clientSecret)).type('form').send(GRANT).expect(401);
    expect(res.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    expect(res.headers['www-authenticate']).toMatch(/^Basic realm="identsphere"/);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('refuses a disabled client, then accepts it again once enabled', async () => {
    const client = await createClient(t, ['introspect']);
    await setClientDisabled(t, client.clientId, true);
    expect((await postForm(t.server, '/oauth/token', client, GRANT).expect(401)).body.error).toBe('invalid_client');
    await setClientDisabled(t, client.clientId, false);
    await postForm(t.server, '/oauth/token', client, GRANT).expect(200);
  });

  it('answers unsupported_grant_type, and invalid_request for a missing or repeated parameter or two authentication methods', async () => {
    const client = await createClient(t, ['introspect']);
    expect((await postForm(t.server, '/oauth/token', client, { grant_type: 'password' }).expect(400)).body.error).toBe('unsupported_grant_type');
    expect((await postForm(t.server, '/oauth/token', client, {}).expect(400)).body.error).toBe('invalid_request');
    const repeated = await request(t.server).post('/oauth/token').set(basicAuth(client.clientId, client.clientSecret)).type('form').send('grant_type=client_credentials&grant_type=client_credentials');
    expect([repeated.status, repeated.body.error]).toEqual([400, 'invalid_request']);
    const both = await postForm(t.server, '/oauth/token', client, { ...GRANT, client_id: client.clientId, client_secret: client.clientSecret });
    expect([both.status, both.body.error]).toEqual([400, 'invalid_request']);
  });

  it('ignores unknown parameters and treats empty ones as omitted (RFC 6749 §3.2)', async () => {
    const client = await createClient(t, ['introspect']);
    const res = await postForm(t.server, '/oauth/token', client, { ...GRANT, scope: '', audience: 'whatever' }).expect(200);
    expect(res.body.scope).toBe('introspect');
  });

  it('keeps problem details for what the HTTP edge refuses: another media type is 415 there, and forms stay refused elsewhere', async () => {
    const client = await createClient(t, ['introspect']);
    const res = await request(t.server).post('/oauth/token').set(basicAuth(client.clientId, client.clientSecret)).set('Content-Type', 'text/plain').send('grant_type=client_credentials').expect(415);
    expect(res.body.code).toBe('unsupported_media_type');
    expect((await request(t.server).post('/v1/auth/login').type('form').send({ email: 'a@example.com', password: 'x' }).expect(415)).body.code).toBe('unsupported_media_type');
  });

  it('hands out secrets with a recognisable prefix, and a client token opens no user route', async () => {
    const client = await createClient(t, ['admin']);
    expect(client.clientSecret.startsWith(CLIENT_SECRET_PREFIX)).toBe(true);
    const token = (await postForm(t.server, '/oauth/token', client, GRANT).expect(200)).body.access_token;
    expect((await request(t.server).get('/v1/me').set({ Authorization: `Bearer ${token}` }).expect(401)).body.code).toBe('unauthorized');
  });

  it('counts grants by outcome', async () => {
    const client = await createClient(t, ['introspect']);
    const grants = (outcome: string) => metricSample(t.server, 'identsphere_oauth_token_grants_total', { outcome });
    const [refusedBefore, issuedBefore] = [await grants('invalid_client'), await grants('issued')];
    await request(t.server).post('/oauth/token').type('form').send(GRANT).expect(401);
    await postForm(t.server, '/oauth/token', client, GRANT).expect(200);
    expect([await grants('invalid_client'), await grants('issued')]).toEqual([refusedBefore + 1, issuedBefore + 1]);
  });
});

describe('discovery of the OAuth endpoints', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp({ env: { IDENTSPHERE_PUBLIC_BASE_URL: 'https://auth.example.com' } })));
  afterAll(() => t.close());

  it('advertises the token, introspection and revocation endpoints, the grant and the client authentication methods', async () => {
    const res = await request(t.server).get('/.well-known/openid-configuration').expect(200);
    const methods = ['client_secret_basic', 'client_secret_post'];
    expect(res.body).toMatchObject({
      token_endpoint: 'https://auth.example.com/oauth/token',
      introspection_endpoint: 'https://auth.example.com/oauth/introspect',
      revocation_endpoint: 'https://auth.example.com/oauth/revoke',
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: methods,
      introspection_endpoint_auth_methods_supported: methods,
      revocation_endpoint_auth_methods_supported: methods,
    });
  });
});

describe('form bodies at the HTTP edge', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  it('refuses a form in another charset (415) and one with too many parameters (413), as problem details', async () => {
    const client = await createClient(t, ['introspect']);
    const latin1 = await request(t.server).post('/oauth/token').set(basicAuth(client.clientId, client.clientSecret)).set('Content-Type', 'application/x-www-form-urlencoded; charset=iso-8859-1').send('grant_type=client_credentials');
    expect([latin1.status, latin1.body.code]).toEqual([415, 'unsupported_media_type']);
    const crowded = Array.from({ length: 30 }, (_, i) => `p${i}=x`).join('&');
    const res = await request(t.server).post('/oauth/token').set(basicAuth(client.clientId, client.clientSecret)).type('form').send(`grant_type=client_credentials&${crowded}`);
    expect([res.status, res.body.code]).toEqual([413, 'payload_too_large']);
  });

  it('refuses control characters in a form field like in any body (400 validation_failed)', async () => {
    const client = await createClient(t, ['introspect']);
    const res = await postForm(t.server, '/oauth/token', client, { grant_type: 'client_credentials\u0000' });
    expect([res.status, res.body.code]).toEqual([400, 'validation_failed']);
  });
});
