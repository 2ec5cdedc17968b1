import request, { Response } from 'supertest';
import { bearer, BEARER_MODE, expectProblem, refreshWithToken, signup, startAuthApp, strongPassword, uniqueEmail } from '../support/auth-factories';
import type { TestApp } from '../support/test-app';

const expectFieldRule = (res: Response, field: string, rule: string) => {
  expectProblem(res, 400, 'validation_failed');
  expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
};

/** Sends `text` byte for byte as the JSON body (for what JSON.stringify cannot produce). */
const postRaw = (t: TestApp, path: string, text: string, contentType = 'application/json') => request(t.server).post(path).set('Content-Type', contentType).send(text);

describe('control characters in text fields', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  it.each([
    ['NUL', '\u0000'],
    ['BEL', 'a\u0007b'],
    ['tab', 'Ada\tLovelace'],
    ['newline', 'Ada\nLovelace'],
    ['DEL', 'Ada\u007f'],
    ['C1 NEL', 'Ada\u0085'],
  ])('refuses a display name with %s at signup', async (_name, displayName) => {
    const res = await request(t.server).post('/v1/auth/signup').send({ email: uniqueEmail(), password: strongPassword(), displayName });
    expectFieldRule(res, 'displayName', 'control_characters');
  });

  it('refuses a lone surrogate in a display name', async () => {
    const { accessToken } = await signup(t.server);
    const res = await request(t.server).patch('/v1/me').set(bearer(accessToken)).set('Content-Type', 'application/json').send('{"displayName":"Ada \\ud800"}');
    expectFieldRule(res, 'displayName', 'control_characters');
  });

  it('still accepts printable Unicode, emoji included', async () => {
    const { accessToken } = await signup(t.server);
    const res = await request(t.server).patch('/v1/me').set(bearer(accessToken)).send({ displayName: 'Zoë 🦊 Ōkami' });
    expect(res.status).toBe(200);
  });

  it('answers a login whose password holds a NUL as a client error', async () => {
    const { email } = await signup(t.server);
    const res = await request(t.server).post('/v1/auth/login').send({ email, password: `${strongPassword()}\u0000` });
    expectFieldRule(res, 'password', 'control_characters');
  });
});

describe('scalars where scalars are expected', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  it.each([
    ['an array as email', { email: ['a@example.com'], password: 'x' }, 'email'],
    ['an object as password', { email: 'a@example.com', password: { length: 20 } }, 'password'],
    ['a number as email', { email: 42, password: 'x' }, 'email'],
  ])('refuses %s at login', async (_name, body, field) => {
    const res = await request(t.server).post('/v1/auth/login').send(body);
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors.map((e: any) => e.field)).toContain(field);
  });

  it('refuses an object as display name', async () => {
    const { accessToken } = await signup(t.server);
    expectProblem(await request(t.server).patch('/v1/me').set(bearer(accessToken)).send({ displayName: { x: 1 } }), 400, 'validation_failed');
  });
});

describe('JSON nesting depth', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  const nested = (depth: number) => `{"email":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)},"password":"x"}`;

  it('reads a body nested 32 levels deep', async () => {
    expectProblem(await postRaw(t, '/v1/auth/login', nested(32)), 400, 'validation_failed');
  });

  it.each([33, 3_000])('refuses a body nested %i levels deep as malformed JSON', async (depth) => {
    expectProblem(await postRaw(t, '/v1/auth/login', nested(depth)), 400, 'malformed_json');
  });

  it('refuses objects nested 3,000 levels deep as malformed JSON', async () => {
    const deep = `${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`;
    expectProblem(await postRaw(t, '/v1/auth/signup', `{"email":"a@example.com","password":"x","displayName":${deep}}`), 400, 'malformed_json');
  });

  it('refuses 30,000 unclosed brackets without parsing them', async () => {
    expectProblem(await postRaw(t, '/v1/auth/login', '['.repeat(30_000)), 400, 'malformed_json');
  });

  it('does not count brackets inside strings', async () => {
    const res = await postRaw(t, '/v1/auth/login', JSON.stringify({ email: 'a@example.com', password: `${'[{'.repeat(100)}"\\` }));
    expectProblem(res, 401, 'invalid_credentials');
  });

  it('still refuses a body over 64 KiB with 413', async () => {
    expectProblem(await postRaw(t, '/v1/auth/login', JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(70_000) })), 413, 'payload_too_large');
  });
});

describe('request charset', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  const body = JSON.stringify({ email: 'a@example.com', password: 'not-the-password-at-all' });

  it.each(['latin1', 'ISO-8859-1', 'utf-16', 'UTF-32', 'us-ascii'])('refuses charset=%s with 415', async (charset) => {
    expectProblem(await postRaw(t, '/v1/auth/login', body, `application/json; charset=${charset}`), 415, 'unsupported_media_type');
  });

  it.each(['utf-8', 'UTF-8', '"utf-8"'])('accepts charset=%s', async (charset) => {
    expectProblem(await postRaw(t, '/v1/auth/login', body, `application/json; charset=${charset}`), 401, 'invalid_credentials');
  });
});

describe('email addresses that a mailer would rewrite', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  const QUOTED = '"a b"@example.com';

  it('refuses a quoted local part at signup, login and forgot-password', async () => {
    expectFieldRule(await request(t.server).post('/v1/auth/signup').send({ email: QUOTED, password: strongPassword() }), 'email', 'invalid_email');
    expectFieldRule(await request(t.server).post('/v1/auth/login').send({ email: '"victim@example.com"@example.com', password: 'x' }), 'email', 'invalid_email');
    expectFieldRule(await request(t.server).post('/v1/auth/password/forgot').send({ email: QUOTED }), 'email', 'invalid_email');
  });

  it('refuses a quoted local part as a new email', async () => {
    const { accessToken, password } = await signup(t.server);
    const res = await request(t.server).post('/v1/me/email').set(bearer(accessToken)).send({ newEmail: '"x@evil.test"@example.com', password });
    expectFieldRule(res, 'newEmail', 'invalid_email');
  });

  it('refuses control characters in an address, even where trimming would hide them', async () => {
    expectFieldRule(await request(t.server).post('/v1/auth/password/forgot').send({ email: 'someone@example.com\n' }), 'email', 'control_characters');
    expectFieldRule(await request(t.server).post('/v1/auth/password/forgot').send({ email: 'some\u0000one@example.com' }), 'email', 'control_characters');
  });

  it('keeps accepting ordinary and international addresses', async () => {
    await signup(t.server, { email: `o'brien+tag-${Date.now()}@example.com` });
    await signup(t.server, { email: `zoë-${Date.now()}@example.com` });
  });

  it('still refuses an address over 254 characters', async () => {
    const res = await request(t.server).post('/v1/auth/password/forgot').send({ email: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com` });
    expectProblem(res, 400, 'validation_failed');
  });
});

describe('refresh token syntax', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  it.each(['!!', '=', '.', ' '])('refuses a valid token with %p appended', async (suffix) => {
    const { refreshToken } = await signup(t.server, { mode: 'bearer' });
    const res = await refreshWithToken(t.server, refreshToken + suffix);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthorized');
    expect((await request(t.server).post('/v1/auth/refresh').set(BEARER_MODE).send({ refreshToken })).status).toBe(200);
  });
});
