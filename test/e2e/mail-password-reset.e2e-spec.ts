import request from 'supertest';
import {
  bearer,
  dataSource,
  expectProblem,
  login,
  refreshWithCookie,
  refreshWithToken,
  signup,
  strongPassword,
  uniqueEmail,
  withoutRequestId,
} from '../support/auth-factories';
import { forgotPassword, outboxRowsFor, resetPassword, startMailApp, tokenOf } from '../support/mail-factories';
import { SmtpSink } from '../support/smtp-sink';
import { TestApp } from '../support/test-app';

const RESET_TTL = 900;

describe('password reset', () => {
  let sink: SmtpSink;
  let t: TestApp;
  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startMailApp(sink, { env: { IDENTSPHERE_RESET_TOKEN_TTL: String(RESET_TTL) } });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  async function resetTokenFor(email: string, skip = 0): Promise<string> {
    await forgotPassword(t.server, email).expect(202);
    return tokenOf(await sink.waitForMail(email, 'reset-password', skip));
  }

  it('resets the password from the mailed link: every session ends, the old password fails, the new one works, a notice arrives', async () => {
    const s = await signup(t.server);
    const other = await login(t.server, { email: s.email, password: s.password, mode: 'bearer' });
    const res = await forgotPassword(t.server, s.email).expect(202);
    expect(res.text).toBe('');
    const token = tokenOf(await sink.waitForMail(s.email, 'reset-password'));

    const newPassword = strongPassword();
    const reset = await resetPassword(t.server, token, newPassword).expect(204);
    expect(reset.text).toBe('');

    expectProblem(await refreshWithCookie(t.server, s.cookieHeader), 401, 'session_revoked');
    expectProblem(await refreshWithToken(t.server, other.refreshToken), 401, 'session_revoked');
    expectProblem(await request(t.server).get('/v1/me').set(bearer(other.accessToken)), 401, 'unauthorized');
    expectProblem(await request(t.server).post('/v1/auth/login').send({ email: s.email, password: s.password }), 401, 'invalid_credentials');
    const fresh = await login(t.server, { email: s.email, password: newPassword });
    await sink.waitForMail(s.email, 'password-changed');
    const events = (await request(t.server).get('/v1/me/events').set(bearer(fresh.accessToken)).expect(200)).body.items;
    expect(events.map((e: { type: string }) => e.type)).toContain('password_reset');
  });

  it('answers an unknown address exactly like a known one and mails nothing to it', async () => {
    const known = await signup(t.server);
    const unknown = uniqueEmail('nobody');
    const forUnknown = await forgotPassword(t.server, unknown);
    const forKnown = await forgotPassword(t.server, known.email);
    expect(forUnknown.status).toBe(202);
    expect({ status: forKnown.status, text: forKnown.text, type: forKnown.headers['content-type'] }).toEqual({
      status: forUnknown.status,
      text: forUnknown.text,
      type: forUnknown.headers['content-type'],
    });
    await sink.waitForMail(known.email, 'reset-password');
    expect(sink.to(unknown)).toEqual([]);
    expect(await outboxRowsFor(t, unknown)).toEqual([]);
  });

  it('rejects a malformed email with validation_failed, the same for every address', async () => {
    expectProblem(await forgotPassword(t.server, 'not-an-email'), 400, 'validation_failed');
  });

  it('keeps the link working when the new password is refused as weak', async () => {
    const s = await signup(t.server);
    const token = await resetTokenFor(s.email);
    const weak = await resetPassword(t.server, token, 'short');
    expectProblem(weak, 400, 'weak_password');
    expect(weak.body.errors).toEqual([expect.objectContaining({ field: 'newPassword', rule: 'too_short' })]);
    await resetPassword(t.server, token, strongPassword()).expect(204);
  });

  it('checks the token before the password policy', async () => {
    expectProblem(await resetPassword(t.server, Buffer.alloc(32, 1).toString('base64url'), 'short'), 400, 'invalid_token');
    expectProblem(await resetPassword(t.server, 'garbage', 'short'), 400, 'invalid_token');
  });

  it('accepts a link only once', async () => {
    const s = await signup(t.server);
    const token = await resetTokenFor(s.email);
    await resetPassword(t.server, token, strongPassword()).expect(204);
    expectProblem(await resetPassword(t.server, token, strongPassword()), 400, 'invalid_token');
  });

  it('invalidates an older link when a newer one is requested', async () => {
    const s = await signup(t.server);
    const first = await resetTokenFor(s.email);
    const second = await resetTokenFor(s.email, 1);
    expectProblem(await resetPassword(t.server, first, strongPassword()), 400, 'invalid_token');
    await resetPassword(t.server, second, strongPassword()).expect(204);
  });

  it('invalidates outstanding links when the password is changed, and mails a notice', async () => {
    const s = await signup(t.server);
    const token = await resetTokenFor(s.email);
    await request(t.server).post('/v1/me/password').set(bearer(s.accessToken)).send({ currentPassword: s.password, newPassword: strongPassword() }).expect(204);
    expectProblem(await resetPassword(t.server, token, strongPassword()), 400, 'invalid_token');
    await sink.waitForMail(s.email, 'password-changed');
  });

  it('refuses an expired link, and gives links the configured lifetime', async () => {
    const s = await signup(t.server);
    const token = await resetTokenFor(s.email);
    const [row] = await dataSource(t).query(
      `SELECT extract(epoch FROM expires_at - created_at)::int AS ttl FROM one_time_tokens WHERE user_id = $1 AND purpose = 'reset-password'`,
      [s.user.id],
    );
    expect(row.ttl).toBe(RESET_TTL);
    await dataSource(t).query(`UPDATE one_time_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [s.user.id]);
    expectProblem(await resetPassword(t.server, token, strongPassword()), 400, 'invalid_token');
  });

  it('marks the address verified, since the link reached it', async () => {
    const s = await signup(t.server);
    const newPassword = strongPassword();
    await resetPassword(t.server, await resetTokenFor(s.email), newPassword).expect(204);
    expect((await login(t.server, { email: s.email, password: newPassword })).user.emailVerified).toBe(true);
  });

  it('answers invalid_token with one body for every kind of bad token', async () => {
    const s = await signup(t.server);
    const used = await resetTokenFor(s.email);
    await resetPassword(t.server, used, strongPassword()).expect(204);
    const verifyToken = tokenOf(await sink.waitForMail(s.email, 'verify-email'));
    const bodies = [];
    for (const token of ['x', used, verifyToken, Buffer.alloc(32, 9).toString('base64url')]) {
      const res = await resetPassword(t.server, token, strongPassword());
      expectProblem(res, 400, 'invalid_token');
      bodies.push(withoutRequestId(res.body));
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });
});
