import request from 'supertest';
import { dataSource, expectProblem, refreshWithToken, signup, startAuthApp } from '../support/auth-factories';
import { clientToken, createClient, introspect, postForm, TestClient } from '../support/oauth-factories';
import type { TestApp } from '../support/test-app';

describe('POST /oauth/revoke (RFC 7009)', () => {
  let t: TestApp;
  let caller: TestClient;
  beforeAll(async () => {
    t = await startAuthApp();
    caller = await createClient(t, ['introspect'], 'resource-server');
  });
  afterAll(() => t.close());

  const revoke = (token: string, hint?: string) => postForm(t.server, '/oauth/revoke', caller, { token, ...(hint ? { token_type_hint: hint } : {}) });
  const eventsOf = async (userId: string) =>
    ((await dataSource(t).query(`SELECT type FROM security_events WHERE user_id = $1 ORDER BY seq`, [userId])) as Array<{ type: string }>).map((e) => e.type);

  it('ends the session of a refresh token: the token no longer refreshes, its access tokens turn inactive, the user log says logout', async () => {
    const user = await signup(t.server, { mode: 'bearer' });
    const res = await revoke(user.refreshToken, 'refresh_token').expect(200);
    expect(res.text).toBe('');
    expect(res.headers['cache-control']).toBe('no-store');
    expectProblem(await refreshWithToken(t.server, user.refreshToken), 401, 'session_revoked');
    expect((await introspect(t.server, caller, user.accessToken).expect(200)).body).toEqual({ active: false });
    expect(await eventsOf(user.user.id)).toEqual(['signup', 'logout']);
  });

  it('ends the session of a user access token, whatever the hint says', async () => {
    const user = await signup(t.server, { mode: 'bearer' });
    await revoke(user.accessToken, 'refresh_token').expect(200);
    expectProblem(await refreshWithToken(t.server, user.refreshToken), 401, 'session_revoked');
  });

  it('answers 200 for unknown, malformed and already revoked tokens, recording nothing more', async () => {
    const user = await signup(t.server, { mode: 'bearer' });
    await revoke(user.refreshToken).expect(200);
    await revoke(user.refreshToken).expect(200);
    await revoke('not-a-token').expect(200);
    await revoke('0b6f8f2e-5c1d-4e8a-9f3b-7a2c1d0e9f84.3.q2VzcGVyLXJlZnJlc2gtdG9rZW4tZXhhbXBsZS0wMDA').expect(200);
    expect(await eventsOf(user.user.id)).toEqual(['signup', 'logout']);
  });

  it('leaves client tokens alone (disable the client instead)', async () => {
    const service = await createClient(t, ['introspect']);
    const token = await clientToken(t.server, service);
    await revoke(token).expect(200);
    expect((await introspect(t.server, caller, token).expect(200)).body.active).toBe(true);
  });

  it('needs client authentication (401 invalid_client) and a token (400 invalid_request)', async () => {
    const user = await signup(t.server, { mode: 'bearer' });
    const anonymous = await request(t.server).post('/oauth/revoke').type('form').send({ token: user.refreshToken }).expect(401);
    expect([anonymous.body.error, anonymous.headers['www-authenticate']]).toEqual(['invalid_client', expect.stringMatching(/^Basic /)]);
    await refreshWithToken(t.server, user.refreshToken).expect(200);
    expect((await postForm(t.server, '/oauth/revoke', caller, {}).expect(400)).body.error).toBe('invalid_request');
    expect((await postForm(t.server, '/oauth/revoke', caller, { token: 'x', token_type_hint: 'id_token' }).expect(400)).body.error).toBe('invalid_request');
  });
});
