import request from 'supertest';
import { signedInAdmin, SignedInAdmin } from '../support/admin-factories';
import { bearer, dataSource, expectProblem, signup, startAuthApp } from '../support/auth-factories';
import { pinTotpClock } from '../support/mfa-factories';
import { adminCreateClient, basicAuth, clientToken, createClient, postForm, setClientDisabled, TestClient } from '../support/oauth-factories';
import type { TestApp } from '../support/test-app';

const GRANT = { grant_type: 'client_credentials' };

describe('machine clients through the admin API', () => {
  let t: TestApp;
  let admin: SignedInAdmin;
  beforeAll(async () => {
    t = await startAuthApp();
    admin = await signedInAdmin(t, pinTotpClock(t));
    jest.restoreAllMocks();
  });
  afterAll(() => t.close());

  const get = (path: string, token: string) => request(t.server).get(path).set(bearer(token));
  const post = (path: string, token: string) => request(t.server).post(path).set(bearer(token));
  const tokenWorks = async (client: TestClient) => (await postForm(t.server, '/oauth/token', client, GRANT)).status === 200;

  it('lets a stepped-up admin create a client whose secret is shown once, then read it back without the secret', async () => {
    const res = await adminCreateClient(t.server, admin.accessToken, { name: 'billing', scopes: ['introspect'] }).expect(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      clientId: expect.stringMatching(/^isc_[A-Za-z0-9_-]{22}$/),
      clientSecret: expect.stringMatching(/^iscs_[A-Za-z0-9_-]{43}$/),
      name: 'billing',
      scopes: ['introspect'],
      createdAt: expect.any(String),
      secretRotatedAt: expect.any(String),
      previousSecretExpiresAt: null,
      disabledAt: null,
    });
    const { clientSecret, ...withoutSecret } = res.body;
    expect((await get(`/v1/admin/clients/${res.body.clientId}`, admin.accessToken).expect(200)).body).toEqual(withoutSecret);
    expect((await get('/v1/admin/clients', admin.accessToken).expect(200)).body.items).toContainEqual(withoutSecret);
    expect(await tokenWorks({ clientId: res.body.clientId, clientSecret })).toBe(true);
    const stored = await dataSource(t).query(`SELECT secret_digest FROM machine_clients WHERE id = $1`, [res.body.clientId]);
    expect(stored[0].secret_digest).not.toContain(clientSecret.slice(5));
  });

  it('records admin actions as security events with the actor', async () => {
    const created = (await adminCreateClient(t.server, admin.accessToken, { name: 'audited', scopes: ['admin'] }).expect(201)).body;
    await post(`/v1/admin/clients/${created.clientId}/disable`, admin.accessToken).expect(200);
    const rows = await dataSource(t).query(`SELECT type, user_id, actor_id, detail FROM security_events WHERE detail->>'client_id' = $1 ORDER BY seq`, [created.clientId]);
    expect(rows).toEqual([
      { type: 'client_created', user_id: null, actor_id: admin.userId, detail: { client_id: created.clientId } },
      { type: 'client_disabled', user_id: null, actor_id: admin.userId, detail: { client_id: created.clientId } },
    ]);
  });

  it('admits a client with the admin scope on every admin route, without a step-up', async () => {
    const automation = await createClient(t, ['admin']);
    const token = await clientToken(t.server, automation);
    const created = (await adminCreateClient(t.server, token, { name: 'made-by-a-client', scopes: ['introspect'] }).expect(201)).body;
    await get('/v1/admin/clients', token).expect(200);
    await post(`/v1/admin/clients/${created.clientId}/rotate-secret`, token).expect(200);
    await request(t.server).delete(`/v1/admin/clients/${created.clientId}`).set(bearer(token)).expect(204);
    const [event] = await dataSource(t).query(`SELECT actor_id FROM security_events WHERE type = 'client_created' AND detail->>'client_id' = $1`, [created.clientId]);
    expect(event.actor_id).toBe(automation.clientId);
  });

  it('refuses a client without the admin scope (403 forbidden) and a disabled client (401)', async () => {
    const resourceServer = await createClient(t, ['introspect']);
    expectProblem(await get('/v1/admin/clients', await clientToken(t.server, resourceServer)), 403, 'forbidden');
    const automation = await createClient(t, ['admin']);
    const token = await clientToken(t.server, automation);
    await setClientDisabled(t, automation.clientId, true);
    expectProblem(await get('/v1/admin/clients', token), 401, 'unauthorized');
  });

  it('refuses users who are not admins (403 forbidden), and admin writes without a second factor (mfa_enrollment_required)', async () => {
    const user = await signup(t.server, { mode: 'bearer' });
    expectProblem(await get('/v1/admin/clients', user.accessToken), 403, 'forbidden');
    const unfactored = await signup(t.server, { mode: 'bearer' });
    await dataSource(t).query(`UPDATE users SET roles = '{admin}' WHERE id = $1`, [unfactored.user.id]);
    const relogged = await request(t.server).post('/v1/auth/login').set('X-Auth-Mode', 'bearer').send({ email: unfactored.email, password: unfactored.password }).expect(200);
    await get('/v1/admin/clients', relogged.body.accessToken).expect(200);
    expectProblem(await adminCreateClient(t.server, relogged.body.accessToken, { name: 'x', scopes: ['admin'] }), 403, 'mfa_enrollment_required');
    expectProblem(await request(t.server).get('/v1/admin/clients'), 401, 'unauthorized');
  });

  it('rotates with an overlap: both secrets work, a second rotation or the end of the overlap retires the old one', async () => {
    const first = (await adminCreateClient(t.server, admin.accessToken, { name: 'rotating', scopes: ['introspect'] }).expect(201)).body;
    const rotated = (await post(`/v1/admin/clients/${first.clientId}/rotate-secret`, admin.accessToken).expect(200)).body;
    expect(rotated.clientSecret).not.toBe(first.clientSecret);
    expect(Date.parse(rotated.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    const [oldSecret, newSecret] = [first, rotated].map((c) => ({ clientId: first.clientId, clientSecret: c.clientSecret }));
    expect([await tokenWorks(oldSecret), await tokenWorks(newSecret)]).toEqual([true, true]);

    const third = (await post(`/v1/admin/clients/${first.clientId}/rotate-secret`, admin.accessToken).expect(200)).body;
    const thirdSecret = { clientId: first.clientId, clientSecret: third.clientSecret };
    expect([await tokenWorks(oldSecret), await tokenWorks(newSecret), await tokenWorks(thirdSecret)]).toEqual([false, true, true]);

    await dataSource(t).query(`UPDATE machine_clients SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1`, [first.clientId]);
    expect([await tokenWorks(newSecret), await tokenWorks(thirdSecret)]).toEqual([false, true]);
    expect((await get(`/v1/admin/clients/${first.clientId}`, admin.accessToken).expect(200)).body.previousSecretExpiresAt).toBeNull();
  });

  it('disables and enables (idempotently): a disabled client gets no token', async () => {
    const created = (await adminCreateClient(t.server, admin.accessToken, { name: 'toggled', scopes: ['introspect'] }).expect(201)).body;
    const client = { clientId: created.clientId, clientSecret: created.clientSecret };
    const disabled = (await post(`/v1/admin/clients/${created.clientId}/disable`, admin.accessToken).expect(200)).body;
    expect(disabled.disabledAt).toEqual(expect.any(String));
    expect((await post(`/v1/admin/clients/${created.clientId}/disable`, admin.accessToken).expect(200)).body.disabledAt).toBe(disabled.disabledAt);
    expect(await tokenWorks(client)).toBe(false);
    expect((await post(`/v1/admin/clients/${created.clientId}/enable`, admin.accessToken).expect(200)).body.disabledAt).toBeNull();
    expect(await tokenWorks(client)).toBe(true);
  });

  it('deletes a client: its secret and its tokens stop working, and it is gone (404)', async () => {
    const automation = await createClient(t, ['admin']);
    const token = await clientToken(t.server, automation);
    await request(t.server).delete(`/v1/admin/clients/${automation.clientId}`).set(bearer(admin.accessToken)).expect(204);
    expectProblem(await get('/v1/admin/clients', token), 401, 'unauthorized');
    expect(await tokenWorks(automation)).toBe(false);
    expectProblem(await get(`/v1/admin/clients/${automation.clientId}`, admin.accessToken), 404, 'not_found');
    expectProblem(await request(t.server).delete(`/v1/admin/clients/${automation.clientId}`).set(bearer(admin.accessToken)), 404, 'not_found');
  });

  it.each([
    ['an unknown scope', { name: 'x', scopes: ['superuser'] }],
    ['no scope', { name: 'x', scopes: [] }],
    ['a repeated scope', { name: 'x', scopes: ['admin', 'admin'] }],
    ['no name', { scopes: ['admin'] }],
    ['an unknown property', { name: 'x', scopes: ['admin'], secret: 'mine' }],
  ])('refuses %s (400 validation_failed)', async (_what, body) => {
    expectProblem(await adminCreateClient(t.server, admin.accessToken, body), 400, 'validation_failed');
  });

  it('answers 404 for unknown and malformed ids', async () => {
    for (const id of ['isc_AAAAAAAAAAAAAAAAAAAAAA', 'nonsense', '%00']) {
      expectProblem(await get(`/v1/admin/clients/${id}`, admin.accessToken), 404, 'not_found');
      expectProblem(await post(`/v1/admin/clients/${id}/rotate-secret`, admin.accessToken), 404, 'not_found');
    }
  });

  it('keeps Basic credentials of a client out of the admin API (it takes access tokens only)', async () => {
    const automation = await createClient(t, ['admin']);
    expectProblem(await request(t.server).get('/v1/admin/clients').set(basicAuth(automation.clientId, automation.clientSecret)), 401, 'unauthorized');
  });
});
