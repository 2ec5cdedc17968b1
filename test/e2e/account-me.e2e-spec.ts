import request from 'supertest';
import { TestApp } from '../support/test-app';
import { bearer, dataSource, expectProblem, login, refreshWithToken, signup, startAuthApp } from '../support/auth-factories';

describe('the signed-in user (/v1/me)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  it('returns the User of the access token', async () => {
    const s = await signup(t.server, { displayName: 'Lin' });

    const res = await request(t.server).get('/v1/me').set(bearer(s.accessToken));

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: s.user.id,
      email: s.email,
      emailVerified: false,
      displayName: 'Lin',
      roles: expect.any(Array),
      mfaEnabled: false,
      mfaMethods: [],
      createdAt: s.user.createdAt,
      // Linked identity-provider accounts (single sign-on): none for a password signup.
      identities: [],
    });
  });

  it('answers 401 unauthorized without an access token', async () => {
    const res = await request(t.server).get('/v1/me');

    expectProblem(res, 401, 'unauthorized');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('accepts the Bearer scheme name in any case', async () => {
    const s = await signup(t.server);

    const res = await request(t.server).get('/v1/me').set('Authorization', `bEaReR ${s.accessToken}`);

    expect(res.status).toBe(200);
  });

  it('changes the display name with PATCH and keeps it', async () => {
    const s = await signup(t.server, { displayName: 'Old Name' });

    const res = await request(t.server).patch('/v1/me').set(bearer(s.accessToken)).send({ displayName: 'New Name' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: s.user.id, email: s.email, displayName: 'New Name' });
    expect((await request(t.server).get('/v1/me').set(bearer(s.accessToken))).body.displayName).toBe('New Name');
  });

  it('rejects an unknown property in PATCH with 400 validation_failed and changes nothing', async () => {
    const s = await signup(t.server, { displayName: 'Kept' });

    const res = await request(t.server).patch('/v1/me').set(bearer(s.accessToken)).send({ displayName: 'Changed', roles: ['admin'] });

    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'roles' })]));
    const after = await request(t.server).get('/v1/me').set(bearer(s.accessToken));
    expect(after.body).toMatchObject({ displayName: 'Kept', roles: s.user.roles });
  });

  it('rejects changing the email through PATCH', async () => {
    const s = await signup(t.server);

    const res = await request(t.server).patch('/v1/me').set(bearer(s.accessToken)).send({ email: 'other@example.com' });

    expectProblem(res, 400, 'validation_failed');
  });

  it('rejects a non-string display name', async () => {
    const s = await signup(t.server);

    const res = await request(t.server).patch('/v1/me').set(bearer(s.accessToken)).send({ displayName: 42 });

    expectProblem(res, 400, 'validation_failed');
  });

  it('answers PATCH without an access token with 401', async () => {
    expectProblem(await request(t.server).patch('/v1/me').send({ displayName: 'x' }), 401, 'unauthorized');
  });
});

describe('deleting the account (DELETE /v1/me)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  it('refuses a wrong password with 401 invalid_credentials and keeps the account', async () => {
    const s = await signup(t.server);

    const res = await request(t.server).delete('/v1/me').set(bearer(s.accessToken)).send({ password: `${s.password}!` });

    expectProblem(res, 401, 'invalid_credentials');
    expect((await request(t.server).get('/v1/me').set(bearer(s.accessToken))).status).toBe(200);
  });

  it('refuses a missing password with 400 validation_failed', async () => {
    const s = await signup(t.server);

    expectProblem(await request(t.server).delete('/v1/me').set(bearer(s.accessToken)).send({}), 400, 'validation_failed');
  });

  it('deletes the user and every session: login fails and old tokens are refused', async () => {
    const s = await signup(t.server, { mode: 'bearer' });
    const other = await login(t.server, { email: s.email, password: s.password, mode: 'bearer' });

    const res = await request(t.server).delete('/v1/me').set(bearer(s.accessToken)).send({ password: s.password });

    expect(res.status).toBe(204);
    expectProblem(await request(t.server).post('/v1/auth/login').send({ email: s.email, password: s.password }), 401, 'invalid_credentials');
    expectProblem(await request(t.server).get('/v1/me').set(bearer(s.accessToken)), 401, 'unauthorized');
    expectProblem(await request(t.server).get('/v1/me').set(bearer(other.accessToken)), 401, 'unauthorized');
    expect((await refreshWithToken(t.server, other.refreshToken)).status).toBe(401);
    const [users] = await dataSource(t).query('SELECT count(*)::int AS n FROM users WHERE id = $1', [s.user.id]);
    const [sessions] = await dataSource(t).query('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [s.user.id]);
    expect({ users: users.n, sessions: sessions.n }).toEqual({ users: 0, sessions: 0 });
  });

  it('requires an access token', async () => {
    expectProblem(await request(t.server).delete('/v1/me').send({ password: 'whatever-it-is-123' }), 401, 'unauthorized');
  });
});
