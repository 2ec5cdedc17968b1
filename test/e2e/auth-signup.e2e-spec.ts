import request from 'supertest';
import { TestApp } from '../support/test-app';
import {
  bearer,
  expectProblem,
  login,
  refreshCookieOf,
  signup,
  startAuthApp,
  strongPassword,
  uniqueEmail,
} from '../support/auth-factories';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe('signup', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp({ listen: true })));
  afterAll(() => t.close());

  it('answers 201 with a login-like body and the refresh token only as a cookie', async () => {
    const email = uniqueEmail();
    const res = await request(t.server).post('/v1/auth/signup').send({ email, password: strongPassword(), displayName: 'Ada' });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      user: {
        id: expect.stringMatching(UUID),
        email,
        emailVerified: false,
        displayName: 'Ada',
        roles: expect.any(Array),
        mfaEnabled: false,
        mfaMethods: [],
        createdAt: expect.any(String),
      },
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: t.config.tokens.accessTtlSeconds,
      sessionId: expect.stringMatching(UUID),
    });
    expect(res.body).not.toHaveProperty('refreshToken');
    expect(new Date(res.body.user.createdAt).toISOString()).toBe(res.body.user.createdAt);
    expect(refreshCookieOf(res)?.value).toEqual(expect.any(String));
  });

  it('marks token responses Cache-Control no-store and carries X-Request-Id', async () => {
    const res = await request(t.server).post('/v1/auth/signup').send({ email: uniqueEmail(), password: strongPassword() });

    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toMatch(/no-store/);
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('gives a signed-up user a working access token', async () => {
    const s = await signup(t.server, { displayName: 'Grace' });

    const me = await request(t.server).get('/v1/me').set(bearer(s.accessToken));

    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: s.user.id, email: s.email, displayName: 'Grace' });
  });

  it('rejects a malformed email with 400 validation_failed', async () => {
    const res = await request(t.server).post('/v1/auth/signup').send({ email: 'not-an-email', password: strongPassword() });

    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'email' })]));
  });

  it('rejects an unknown body property with 400 validation_failed', async () => {
    const res = await request(t.server)
      .post('/v1/auth/signup')
      .send({ email: uniqueEmail(), password: strongPassword(), roles: ['admin'] });

    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'roles' })]));
  });

  it('rejects a missing password with 400 validation_failed', async () => {
    const res = await request(t.server).post('/v1/auth/signup').send({ email: uniqueEmail() });

    expectProblem(res, 400, 'validation_failed');
  });

  it('answers 409 email_taken for an address that already has an account', async () => {
    const first = await signup(t.server);

    const res = await request(t.server).post('/v1/auth/signup').send({ email: first.email, password: strongPassword() });

    expectProblem(res, 409, 'email_taken');
  });

  it('treats case variants of an email as one account', async () => {
    const local = `Mixed.Case-${Date.now().toString(36)}`;
    const s = await signup(t.server, { email: `${local}@Example.COM` });
    expect(s.user.email).toBe(`${local.toLowerCase()}@example.com`);

    const dup = await request(t.server).post('/v1/auth/signup').send({ email: `${local.toLowerCase()}@example.com`, password: strongPassword() });
    expectProblem(dup, 409, 'email_taken');

    const l = await login(t.server, { email: `${local.toUpperCase()}@EXAMPLE.COM`, password: s.password });
    expect(l.user.id).toBe(s.user.id);
  });

  it('trims surrounding whitespace from the email', async () => {
    const email = uniqueEmail();
    const s = await signup(t.server, { email: `  ${email}  ` });
    expect(s.user.email).toBe(email);

    const dup = await request(t.server).post('/v1/auth/signup').send({ email, password: strongPassword() });
    expectProblem(dup, 409, 'email_taken');

    const l = await login(t.server, { email: ` ${email.toUpperCase()} `, password: s.password });
    expect(l.user.id).toBe(s.user.id);
  });

  it('normalises the email with NFKC: fullwidth letters are the same account as ASCII ones', async () => {
    const local = `nfkc${Date.now().toString(36)}`;
    const fullwidth = [...local].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join('');
    const s = await signup(t.server, { email: `${fullwidth}@example.com` });
    expect(s.user.email).toBe(`${local}@example.com`);

    const dup = await request(t.server).post('/v1/auth/signup').send({ email: `${local}@example.com`, password: strongPassword() });
    expectProblem(dup, 409, 'email_taken');
    expect((await login(t.server, { email: `${local}@example.com`, password: s.password })).user.id).toBe(s.user.id);
  });

  it('creates exactly one account from 20 concurrent signups with one email', async () => {
    const email = uniqueEmail('race');
    const variants = (i: number) => (i % 2 ? email : email.toUpperCase());

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => request(t.baseUrl).post('/v1/auth/signup').send({ email: variants(i), password: strongPassword() })),
    );

    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201)) expectProblem(r, 409, 'email_taken');
  });

  it('lets the email of a deleted account sign up again', async () => {
    const first = await signup(t.server);
    const del = await request(t.server).delete('/v1/me').set(bearer(first.accessToken)).send({ password: first.password });
    expect(del.status).toBe(204);

    const again = await signup(t.server, { email: first.email });

    expect(again.user.id).not.toBe(first.user.id);
    expect(again.user.email).toBe(first.email);
  });
});
