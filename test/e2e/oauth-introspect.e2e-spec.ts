import request from 'supertest';
import { ClientsService } from '@identsphere/clients';
import { bearer, disableUser, signup, startAuthApp } from '../support/auth-factories';
import { withClockAhead } from '../support/jwt-forge';
import { metricSample } from '../support/metrics-sample';
import { basicAuth, clientToken, createClient, introspect, postForm, setClientDisabled, TestClient } from '../support/oauth-factories';
import type { TestApp } from '../support/test-app';

describe('POST /oauth/introspect (RFC 7662)', () => {
  let t: TestApp;
  let resourceServer: TestClient;
  beforeAll(async () => {
    t = await startAuthApp();
    resourceServer = await createClient(t, ['introspect'], 'resource-server');
  });
  afterAll(() => t.close());

  const inspect = (token: string) => introspect(t.server, resourceServer, token);

  it('answers the claims of a live user token, never cached', async () => {
    const user = await signup(t.server, { mode: 'bearer' });
    const res = await inspect(user.accessToken).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      active: true,
      token_type: 'Bearer',
      sub: user.user.id,
      sid: user.sessionId,
      username: user.email,
      email: user.email,
      email_verified: false,
      roles: [],
      amr: ['pwd'],
      acr: 'pwd',
      auth_time: expect.any(Number),
      iss: t.config.tokens.issuer,
      aud: t.config.tokens.audience,
      exp: expect.any(Number),
      iat: expect.any(Number),
      jti: expect.any(String),
    });
  });

  it('answers active: false at once after the user logs out', async () => {
    const user = await signup(t.server, { mode: 'bearer' });
    await request(t.server).post('/v1/auth/logout').set(bearer(user.accessToken)).expect(204);
    expect((await inspect(user.accessToken).expect(200)).body).toEqual({ active: false });
  });

  it('answers active: false at once after the account is disabled', async () => {
    const user = await signup(t.server, { mode: 'bearer' });
    await disableUser(t, user.user.id);
    expect((await inspect(user.accessToken).expect(200)).body).toEqual({ active: false });
  });

  it('answers active: false once the token has expired', async () => {
    const user = await signup(t.server, { mode: 'bearer' });
    expect((await inspect(user.accessToken).expect(200)).body.active).toBe(true);
    const res = await withClockAhead((t.config.tokens.accessTtlSeconds + 60) * 1000, () => inspect(user.accessToken));
    expect(res.body).toEqual({ active: false });
  });

  it('answers the claims of a client token, and active: false once that client is disabled or deleted', async () => {
    const service = await createClient(t, ['admin', 'introspect']);
    const token = await clientToken(t.server, service, 'admin');
    expect((await inspect(token).expect(200)).body).toEqual({
      active: true,
      token_type: 'Bearer',
      sub: service.clientId,
      client_id: service.clientId,
      scope: 'admin',
      iss: t.config.tokens.issuer,
      aud: t.config.tokens.audience,
      exp: expect.any(Number),
      iat: expect.any(Number),
      jti: expect.any(String),
    });
    await setClientDisabled(t, service.clientId, true);
    expect((await inspect(token).expect(200)).body).toEqual({ active: false });
    await setClientDisabled(t, service.clientId, false);
    expect((await inspect(token).expect(200)).body.active).toBe(true);
    await t.app.get(ClientsService).delete(service.clientId, { caller: { kind: 'client', clientId: resourceServer.clientId, scopes: [] }, context: { ip: '127.0.0.1', userAgent: null } });
    expect((await inspect(token).expect(200)).body).toEqual({ active: false });
  });

  it.each([
    ['a malformed token', () => 'not-a-token'],
    ['a refresh token', async () => (await signup(t.server, { mode: 'bearer' })).refreshToken],
    ['a tampered token', async () => `${(await signup(t.server, { mode: 'bearer' })).accessToken.slice(0, -2)}AA`],
  ])('answers active: false for %s', async (_what, tokenOf) => {
    expect((await inspect(await tokenOf()).expect(200)).body).toEqual({ active: false });
  });

  it('needs a client with the introspect scope: 401 invalid_client without one, 403 insufficient_scope for another client', async () => {
    const user = await signup(t.server, { mode: 'bearer' });
    const anonymous = await request(t.server).post('/oauth/introspect').type('form').send({ token: user.accessToken }).expect(401);
    expect([anonymous.body.error, anonymous.headers['www-authenticate']]).toEqual(['invalid_client', expect.stringMatching(/^Basic /)]);
    const adminOnly = await createClient(t, ['admin']);
    expect((await introspect(t.server, adminOnly, user.accessToken).expect(403)).body).toEqual({ error: 'insufficient_scope', error_description: expect.any(String) });
    const wrongSecret = await request(t.server).post('/oauth/introspect').set(basicAuth(resourceServer.clientId, 'iscs_wrong')).type('form').send({ token: user.accessToken });
    expect([wrongSecret.status, wrongSecret.body.error]).toEqual([401, 'invalid_client']);
  });

  it('answers invalid_request without a token', async () => {
    expect((await postForm(t.server, '/oauth/introspect', resourceServer, {}).expect(400)).body.error).toBe('invalid_request');
  });

  it('counts introspections by result', async () => {
    const count = (result: string) => metricSample(t.server, 'identsphere_oauth_introspections_total', { result });
    const before = [await count('active'), await count('inactive'), await count('refused')];
    await inspect((await signup(t.server, { mode: 'bearer' })).accessToken).expect(200);
    await inspect('nonsense').expect(200);
    await request(t.server).post('/oauth/introspect').type('form').send({ token: 'x' }).expect(401);
    expect([await count('active'), await count('inactive'), await count('refused')]).toEqual(before.map((n) => n + 1));
  });
});
