import request from 'supertest';
import { TestApp } from '../support/test-app';
import { bearer, expectProblem, login, refreshWithToken, signup, startAuthApp, strongPassword } from '../support/auth-factories';

describe('changing the password (POST /v1/me/password)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  const change = (accessToken: string, body: object) => request(t.server).post('/v1/me/password').set(bearer(accessToken)).send(body);

  it('refuses a wrong current password with 401 invalid_credentials', async () => {
    const s = await signup(t.server);

    const res = await change(s.accessToken, { currentPassword: `${s.password}x`, newPassword: strongPassword() });

    expectProblem(res, 401, 'invalid_credentials');
    expect((await login(t.server, { email: s.email, password: s.password })).user.id).toBe(s.user.id);
  });

  it('refuses a weak new password with 400 weak_password naming the field and rule', async () => {
    const s = await signup(t.server);

    const res = await change(s.accessToken, { currentPassword: s.password, newPassword: 'too-short-pw' });

    expectProblem(res, 400, 'weak_password');
    expect(res.body.errors).toEqual([expect.objectContaining({ rule: 'too_short', field: expect.any(String) })]);
  });

  it('refuses a new password containing the email local part', async () => {
    const s = await signup(t.server);
    const local = s.email.split('@')[0];

    const res = await change(s.accessToken, { currentPassword: s.password, newPassword: `fresh-${local}-orbit-77` });

    expectProblem(res, 400, 'weak_password');
    expect(res.body.errors).toEqual([expect.objectContaining({ rule: 'contains_context' })]);
  });

  it('rejects an unknown property with 400 validation_failed', async () => {
    const s = await signup(t.server);

    const res = await change(s.accessToken, { currentPassword: s.password, newPassword: strongPassword(), logoutOthers: false });

    expectProblem(res, 400, 'validation_failed');
  });

  it('answers 204 and revokes every session except the current one', async () => {
    const s = await signup(t.server, { mode: 'bearer' });
    const other = await login(t.server, { email: s.email, password: s.password, mode: 'bearer' });
    const newPassword = strongPassword();

    const res = await change(s.accessToken, { currentPassword: s.password, newPassword });

    expect(res.status).toBe(204);
    expectProblem(await request(t.server).get('/v1/me').set(bearer(other.accessToken)), 401, 'unauthorized');
    expectProblem(await refreshWithToken(t.server, other.refreshToken), 401, 'session_revoked');
    expect((await request(t.server).get('/v1/me').set(bearer(s.accessToken))).status).toBe(200);
    expect((await refreshWithToken(t.server, s.refreshToken)).status).toBe(200);
  });

  it('makes the new password the only one that logs in', async () => {
    const s = await signup(t.server);
    const newPassword = strongPassword();

    await change(s.accessToken, { currentPassword: s.password, newPassword }).expect(204);

    expectProblem(await request(t.server).post('/v1/auth/login').send({ email: s.email, password: s.password }), 401, 'invalid_credentials');
    expect((await login(t.server, { email: s.email, password: newPassword })).user.id).toBe(s.user.id);
  });

  it('requires an access token', async () => {
    expectProblem(await request(t.server).post('/v1/me/password').send({ currentPassword: 'a', newPassword: 'b' }), 401, 'unauthorized');
  });
});
