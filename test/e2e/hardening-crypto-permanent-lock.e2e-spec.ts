import request from 'supertest';
import { LoginThrottle, PERMANENT_LOCK_AFTER_FAILURES, RateLimitCleanup } from '@identsphere/rate-limit';
import { dataSource, expectProblem, signup, strongPassword } from '../support/auth-factories';
import { attemptLogin, deviceCookieOf, endCurrentLocks, startThrottledApp } from '../support/abuse-helpers';
import { forgotPassword, resetPassword, tokenOf } from '../support/mail-factories';
import { SmtpSink } from '../support/smtp-sink';
import type { TestApp } from '../support/test-app';

const MAX_FAILURES = 4;
const WRONG = 'definitely-not-the-password';

describe('permanent login lock after 100 consecutive failures', () => {
  let t: TestApp;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startThrottledApp({ maxFailures: MAX_FAILURES }, { env: { IDENTSPHERE_SMTP_URL: sink.url } });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  const db = () => dataSource(t);

  /**
   * Brings the streak just written to one failure short of the cap, unlocked with a free slot, as ~24 h of
   * one guess per lock would leave it, without making 99 real attempts.
   */
  async function oneFailureShortOfTheCap(): Promise<void> {
    await db().query(
      `UPDATE login_locks SET failures = $1::integer, lock_level = $1::integer - $2::integer + 1, locked_until = NULL
       WHERE subject = (SELECT subject FROM login_locks ORDER BY updated_at DESC LIMIT 1)`,
      [PERMANENT_LOCK_AFTER_FAILURES - 1, MAX_FAILURES],
    );
  }

  /** Two days pass for every throttle row: each timestamp moves back, then the cleanup job runs. */
  async function twoDaysPass(): Promise<void> {
    await db().query(
      `UPDATE login_locks SET updated_at = updated_at - interval '2 days', locked_at = locked_at - interval '2 days',
         locked_until = locked_until - interval '2 days', expires_at = expires_at - interval '2 days'`,
    );
    await t.app.get(RateLimitCleanup).runOnce();
  }

  async function permanentlyLocked(email: string): Promise<void> {
    expectProblem(await attemptLogin(t.server, email, WRONG), 401, 'invalid_credentials');
    await oneFailureShortOfTheCap();
    expectProblem(await attemptLogin(t.server, email, WRONG), 401, 'invalid_credentials');
  }

  it('still re-arms a temporary lock below the cap (time lifts it)', async () => {
    const { email, password } = await signup(t.server);
    for (let i = 0; i < MAX_FAILURES; i++) expectProblem(await attemptLogin(t.server, email, WRONG), 401, 'invalid_credentials');
    expectProblem(await attemptLogin(t.server, email, password), 429, 'rate_limited');

    await twoDaysPass();

    expect((await attemptLogin(t.server, email, password)).status).toBe(200);
  });

  it('keeps the account locked after the 100th consecutive failure, however much time passes', async () => {
    const { email, password } = await signup(t.server);
    await permanentlyLocked(email);
    expectProblem(await attemptLogin(t.server, email, password), 429, 'rate_limited');

    await twoDaysPass();
    await endCurrentLocks(t).catch(() => undefined);
    await twoDaysPass();

    const res = await attemptLogin(t.server, email, password);
    expectProblem(res, 429, 'rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('leaves the owner the reset path while locked', async () => {
    const { email } = await signup(t.server);
    await permanentlyLocked(email);

    expect((await request(t.server).post('/v1/auth/password/forgot').send({ email })).status).toBe(202);
  });

  it('lifts the permanent lock when cleared (password reset or administrator)', async () => {
    const { email, password } = await signup(t.server);
    await permanentlyLocked(email);

    await t.app.get(LoginThrottle).clearLock(email);

    expect((await attemptLogin(t.server, email, password)).status).toBe(200);
  });

  it('lifts the permanent lock when the owner completes a password reset from the mailed link', async () => {
    const { email } = await signup(t.server);
    await permanentlyLocked(email);

    await forgotPassword(t.server, email).expect(202);
    const newPassword = strongPassword();
    await resetPassword(t.server, tokenOf(await sink.waitForMail(email, 'reset-password')), newPassword).expect(204);

    expect((await attemptLogin(t.server, email, newPassword)).status).toBe(200);
  });

  it("lets the owner's trusted device through a permanent lock that strangers caused", async () => {
    const { email, password } = await signup(t.server);
    const device = deviceCookieOf(await attemptLogin(t.server, email, password));
    await permanentlyLocked(email);

    expect((await attemptLogin(t.server, email, password, { Cookie: device })).status).toBe(200);
    expectProblem(await attemptLogin(t.server, email, password), 429, 'rate_limited');
  });

  it("caps a trusted device's own streak too, and clearing the account lifts it", async () => {
    const { email, password } = await signup(t.server);
    const device = deviceCookieOf(await attemptLogin(t.server, email, password));
    expectProblem(await attemptLogin(t.server, email, WRONG, { Cookie: device }), 401, 'invalid_credentials');
    await oneFailureShortOfTheCap();
    expectProblem(await attemptLogin(t.server, email, WRONG, { Cookie: device }), 401, 'invalid_credentials');
    await twoDaysPass();
    expectProblem(await attemptLogin(t.server, email, password, { Cookie: device }), 429, 'rate_limited');

    await t.app.get(LoginThrottle).clearLock(email);

    expect((await attemptLogin(t.server, email, password, { Cookie: device })).status).toBe(200);
  });
});
