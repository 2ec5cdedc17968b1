import { decodeJwt } from 'jose';
import request from 'supertest';
import { bearer, dataSource, expectProblem, login, refreshWithCookie, rotated, signup } from '../support/auth-factories';
import { confirmVerification, forgotPassword, linkOf, outboxRowsFor, startMailApp, tokenOf } from '../support/mail-factories';
import { SmtpSink } from '../support/smtp-sink';
import { TestApp } from '../support/test-app';

const VERIFY_TTL = 600;

describe('email verification', () => {
  let sink: SmtpSink;
  let t: TestApp;
  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startMailApp(sink, { env: { IDENTSPHERE_VERIFY_TOKEN_TTL: String(VERIFY_TTL) } });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('mails a link at signup; confirming it verifies the address, and the next access token says so', async () => {
    const s = await signup(t.server);
    expect(s.user.emailVerified).toBe(false);
    const mail = await sink.waitForMail(s.email, 'verify-email');
    const link = linkOf(mail);
    expect(`${link.origin}${link.pathname}`).toBe(`${t.config.http.publicBaseUrl}/auth/verify-email`);
    expect(mail.html).toContain(tokenOf(mail));

    const res = await confirmVerification(t.server, tokenOf(mail)).expect(200);
    expect(res.body).toMatchObject({ id: s.user.id, email: s.email, emailVerified: true });
    expect(decodeJwt(s.accessToken).email_verified).toBe(false);
    const next = rotated(await refreshWithCookie(t.server, s.cookieHeader));
    expect(decodeJwt(next.accessToken).email_verified).toBe(true);
    expect((await request(t.server).get('/v1/me').set(bearer(next.accessToken)).expect(200)).body.emailVerified).toBe(true);
    const events = (await request(t.server).get('/v1/me/events').set(bearer(next.accessToken)).expect(200)).body.items;
    expect(events.map((e: { type: string }) => e.type)).toContain('email_verified');
  });

  it('accepts a token only once', async () => {
    const s = await signup(t.server);
    const token = tokenOf(await sink.waitForMail(s.email, 'verify-email'));
    await confirmVerification(t.server, token).expect(200);
    expectProblem(await confirmVerification(t.server, token), 400, 'invalid_token');
  });

  it('mails a new link on request with a body-less 202, and the newer link invalidates the older one', async () => {
    const s = await signup(t.server);
    const first = tokenOf(await sink.waitForMail(s.email, 'verify-email'));
    const res = await request(t.server).post('/v1/auth/email/verify/request').set(bearer(s.accessToken)).expect(202);
    expect(res.text).toBe('');
    const second = tokenOf(await sink.waitForMail(s.email, 'verify-email', 1));
    expect(second).not.toBe(first);
    expectProblem(await confirmVerification(t.server, first), 400, 'invalid_token');
    await confirmVerification(t.server, second).expect(200);
  });

  it('sends nothing more once the address is verified, with the same 202', async () => {
    const s = await signup(t.server);
    await confirmVerification(t.server, tokenOf(await sink.waitForMail(s.email, 'verify-email'))).expect(200);
    await request(t.server).post('/v1/auth/email/verify/request').set(bearer(s.accessToken)).expect(202);
    expect((await outboxRowsFor(t, s.email)).filter((r) => r.kind === 'verify-email')).toHaveLength(1);
  });

  it('requires an access token to request a link', async () => {
    expectProblem(await request(t.server).post('/v1/auth/email/verify/request'), 401, 'unauthorized');
  });

  it('refuses an expired token', async () => {
    const s = await signup(t.server);
    const token = tokenOf(await sink.waitForMail(s.email, 'verify-email'));
    await dataSource(t).query(`UPDATE one_time_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [s.user.id]);
    expectProblem(await confirmVerification(t.server, token), 400, 'invalid_token');
  });

  it('gives tokens the configured lifetime and stores only their digest', async () => {
    const s = await signup(t.server);
    const token = tokenOf(await sink.waitForMail(s.email, 'verify-email'));
    const rows = await dataSource(t).query(
      `SELECT *, extract(epoch FROM expires_at - created_at)::int AS ttl FROM one_time_tokens WHERE user_id = $1`,
      [s.user.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].ttl).toBe(VERIFY_TTL);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(JSON.stringify(rows)).not.toContain(token);
    // The queued mail carried the link, but its row holds it sealed and, once sent, not at all.
    const outbox = await outboxRowsFor(t, s.email);
    expect(JSON.stringify(outbox)).not.toContain(token);
  });

  it('answers invalid_token for malformed, unknown and wrong-purpose tokens alike', async () => {
    const s = await signup(t.server);
    await forgotPassword(t.server, s.email).expect(202);
    const resetToken = tokenOf(await sink.waitForMail(s.email, 'reset-password'));
    const unknown = Buffer.alloc(32, 7).toString('base64url');
    for (const token of ['', 'not-a-token', unknown, resetToken, `${resetToken}x`]) {
      expectProblem(await confirmVerification(t.server, token), 400, 'invalid_token');
    }
    expectProblem(await request(t.server).post('/v1/auth/email/verify/confirm').send({ token: 42 }), 400, 'validation_failed');
    // The wrong-purpose attempt did not use the reset token up.
    await request(t.server).post('/v1/auth/password/reset').send({ token: resetToken, newPassword: `${s.password}-renewed` }).expect(204);
  });

  it('lists the six endpoints in OpenAPI with the operationIds, statuses and error codes of the contract', async () => {
    const { paths } = (await request(t.server).get('/openapi.json').expect(200)).body;
    const expected: Array<[string, string, string, string, string[]]> = [
      ['/v1/auth/email/verify/request', 'requestEmailVerification', '202', '429', ['rate_limited']],
      ['/v1/auth/email/verify/confirm', 'confirmEmailVerification', '200', '400', ['invalid_token']],
      ['/v1/auth/password/forgot', 'forgotPassword', '202', '429', ['rate_limited']],
      ['/v1/auth/password/reset', 'resetPassword', '204', '400', ['invalid_token', 'weak_password']],
      ['/v1/me/email', 'requestEmailChange', '202', '409', ['email_taken']],
      ['/v1/auth/email/change/confirm', 'confirmEmailChange', '200', '409', ['email_taken']],
    ];
    for (const [path, operationId, success, errorStatus, codes] of expected) {
      const operation = paths[path]?.post;
      expect({ path, operationId: operation?.operationId }).toEqual({ path, operationId });
      expect(Object.keys(operation.responses)).toContain(success);
      for (const code of codes) expect(operation.responses[errorStatus].description).toContain(code);
    }
    expect(paths['/v1/me/email'].post.responses['401'].description).toContain('invalid_credentials');
    expect(paths['/v1/auth/email/change/confirm'].post.responses['400'].description).toContain('invalid_token');
  });

  it('no longer accepts a verification link once the account has moved to another address', async () => {
    const s = await signup(t.server);
    const token = tokenOf(await sink.waitForMail(s.email, 'verify-email'));
    await dataSource(t).query('UPDATE users SET email = $2 WHERE id = $1', [s.user.id, `moved-${s.email}`]);
    expectProblem(await confirmVerification(t.server, token), 400, 'invalid_token');
  });
});

describe('login with IDENTSPHERE_REQUIRE_VERIFIED_EMAIL=true', () => {
  let sink: SmtpSink;
  let t: TestApp;
  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startMailApp(sink, { env: { IDENTSPHERE_REQUIRE_VERIFIED_EMAIL: 'true' } });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('answers 403 email_not_verified after a correct password, and signs in once the address is verified', async () => {
    const s = await signup(t.server);
    expectProblem(await request(t.server).post('/v1/auth/login').send({ email: s.email, password: s.password }), 403, 'email_not_verified');
    await confirmVerification(t.server, tokenOf(await sink.waitForMail(s.email, 'verify-email'))).expect(200);
    const signedIn = await login(t.server, { email: s.email, password: s.password });
    expect(signedIn.user.emailVerified).toBe(true);
  });

  it('still answers 401 invalid_credentials for a wrong password of an unverified account', async () => {
    const s = await signup(t.server);
    expectProblem(await request(t.server).post('/v1/auth/login').send({ email: s.email, password: `${s.password}-wrong` }), 401, 'invalid_credentials');
  });
});
