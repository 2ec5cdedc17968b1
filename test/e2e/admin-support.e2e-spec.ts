import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { attemptLogin, startThrottledApp } from '../support/abuse-helpers';
import { adminSupport, auditRowsOf, grantRoles, signedInAdmin, TotpClock } from '../support/admin-factories';
import { bearer, BEARER_MODE, dataSource, expectProblem, login, refreshWithToken, signup, strongPassword } from '../support/auth-factories';
import { outboxRowsFor, resetPassword } from '../support/mail-factories';
import { claimsOf, enrolTotp, pinTotpClock } from '../support/mfa-factories';
import { metricSample } from '../support/metrics-sample';
import { SoftAuthenticator } from '../support/soft-authenticator';
import type { TestApp } from '../support/test-app';

const MAX_FAILURES = 3;
const ACTIONS = ['reset-mfa', 'clear-login-lock', 'resend-verification', 'password-reset-link'];

describe('admin support actions (POST /v1/admin/users/{id}/…)', () => {
  let t: TestApp;
  let clock: TotpClock;

  beforeAll(async () => (t = await startThrottledApp({ maxFailures: MAX_FAILURES })));
  afterAll(() => t.close());
  beforeEach(() => (clock = pinTotpClock(t)));
  afterEach(() => jest.restoreAllMocks());

  const supportActionCount = (action: string) => metricSample(t.server, 'identsphere_admin_support_actions_total', { action });

  describe('who may call them', () => {
    it.each(ACTIONS)('%s: 401 without a token, 403 forbidden for a user who is not an admin', async (action) => {
      const target = await signup(t.server, { mode: 'bearer' });
      expectProblem(await request(t.server).post(`/v1/admin/users/${target.user.id}/${action}`), 401, 'unauthorized');
      expectProblem(await adminSupport(t.server, target.accessToken, target.user.id, action), 403, 'forbidden');
    });

    it('refuses an admin without a second factor (mfa_enrollment_required), and one whose MFA sign-in is stale (step_up_required)', async () => {
      const target = await signup(t.server, { mode: 'bearer' });
      const noFactor = await signup(t.server, { mode: 'bearer' });
      await grantRoles(t, noFactor.user.id, ['admin']);
      const relogged = await login(t.server, { email: noFactor.email, password: noFactor.password, mode: 'bearer' });
      expectProblem(await adminSupport(t.server, relogged.accessToken, target.user.id, 'clear-login-lock'), 403, 'mfa_enrollment_required');

      const admin = await signedInAdmin(t, clock);
      await dataSource(t).query(`UPDATE sessions SET auth_time = now() - interval '11 minutes' WHERE id = $1`, [admin.sessionId]);
      const aged = await refreshWithToken(t.server, admin.refreshToken).expect(200);
      expectProblem(await adminSupport(t.server, aged.body.accessToken, target.user.id, 'clear-login-lock'), 403, 'step_up_required');
    });

    it('answers 404 not_found for an unknown and for a malformed user id', async () => {
      const admin = await signedInAdmin(t, clock);
      for (const action of ACTIONS) {
        expectProblem(await adminSupport(t.server, admin.accessToken, randomUUID(), action), 404, 'not_found');
        expectProblem(await adminSupport(t.server, admin.accessToken, 'not-a-uuid', action), 404, 'not_found');
      }
    });
  });

  describe('reset-mfa', () => {
    it("removes the app and the recovery codes, ends the user's sessions, mails the owner and records it with the actor", async () => {
      const admin = await signedInAdmin(t, clock);
      const target = await signup(t.server, { mode: 'bearer' });
      await enrolTotp(t.server, target.accessToken, clock.now());
      const before = await supportActionCount('reset_mfa');

      const res = await adminSupport(t.server, admin.accessToken, target.user.id, 'reset-mfa').expect(200);
      expect(res.body).toEqual({ removed: ['totp', 'recovery_code'], sessionsRevoked: 1 });

      expectProblem(await refreshWithToken(t.server, target.refreshToken), 401, 'session_revoked');
      const again = await request(t.server).post('/v1/auth/login').set(BEARER_MODE).send({ email: target.email, password: target.password }).expect(200);
      expect(again.body.mfaRequired).toBeUndefined();
      expect((await request(t.server).get('/v1/me/mfa').set(bearer(again.body.accessToken)).expect(200)).body).toEqual({ methods: [], recoveryCodesRemaining: 0 });
      expect((await outboxRowsFor(t, target.email)).map((m) => m.kind)).toContain('mfa-reset-by-admin');

      const rows = await auditRowsOf(t, target.user.id, ['mfa_disabled', 'mfa_last_factor_removed']);
      expect(rows).toHaveLength(3);
      for (const row of rows) expect(row).toMatchObject({ actorId: admin.userId, detail: expect.objectContaining({ reason: 'admin_reset' }) });
      const visible = await request(t.server).get('/v1/me/events').set(bearer(again.body.accessToken)).expect(200);
      expect(visible.body.items.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['mfa_disabled', 'mfa_last_factor_removed']));
      expect(await supportActionCount('reset_mfa')).toBe(before + 1);
    });

    it('removes passkeys too: the authenticator no longer signs in', async () => {
      const admin = await signedInAdmin(t, clock);
      const target = await signup(t.server, { mode: 'bearer' });
      const authenticator = new SoftAuthenticator('http://localhost:4000');
      const creation = await request(t.server).post('/v1/me/passkeys/options').set(bearer(target.accessToken)).expect(200);
      await request(t.server).post('/v1/me/passkeys').set(bearer(target.accessToken)).send({ ...authenticator.register(creation.body), name: 'Key' }).expect(201);

      const res = await adminSupport(t.server, admin.accessToken, target.user.id, 'reset-mfa').expect(200);
      expect(res.body).toEqual({ removed: ['webauthn', 'recovery_code'], sessionsRevoked: 1 });
      const options = await request(t.server).post('/v1/auth/passkey/options').expect(200);
      expectProblem(await request(t.server).post('/v1/auth/passkey/verify').set(BEARER_MODE).send(authenticator.assert(options.body) as object), 401, 'passkey_rejected');
    });

    it('changes nothing for an account without a factor: no session ends, nothing is recorded or counted', async () => {
      const admin = await signedInAdmin(t, clock);
      const target = await signup(t.server, { mode: 'bearer' });
      const before = await supportActionCount('reset_mfa');
      const res = await adminSupport(t.server, admin.accessToken, target.user.id, 'reset-mfa').expect(200);
      expect(res.body).toEqual({ removed: [], sessionsRevoked: 0 });
      await refreshWithToken(t.server, target.refreshToken).expect(200);
      expect(await auditRowsOf(t, target.user.id, ['mfa_disabled', 'mfa_last_factor_removed'])).toEqual([]);
      expect(await supportActionCount('reset_mfa')).toBe(before);
    });
  });

  describe('clear-login-lock', () => {
    it('lets a locked-out user sign in again at once, and records who cleared the lock', async () => {
      const admin = await signedInAdmin(t, clock);
      const target = await signup(t.server);
      for (let i = 0; i < MAX_FAILURES; i++) expectProblem(await attemptLogin(t.server, target.email, 'not-the-password-at-all'), 401, 'invalid_credentials');
      expectProblem(await attemptLogin(t.server, target.email, target.password), 429, 'rate_limited');

      await adminSupport(t.server, admin.accessToken, target.user.id, 'clear-login-lock').expect(204);
      expect((await attemptLogin(t.server, target.email, target.password)).status).toBe(200);
      expect(await auditRowsOf(t, target.user.id, ['login_lock_cleared'])).toEqual([{ type: 'login_lock_cleared', detail: {}, actorId: admin.userId }]);
    });
  });

  describe('resend-verification', () => {
    it('queues a fresh verification mail for an unverified account, and refuses a verified one with email_already_verified', async () => {
      const admin = await signedInAdmin(t, clock);
      const target = await signup(t.server);
      const mailsBefore = (await outboxRowsFor(t, target.email)).filter((m) => m.kind === 'verify-email').length;
      const res = await adminSupport(t.server, admin.accessToken, target.user.id, 'resend-verification').expect(202);
      expect(res.text).toBe('');
      expect((await outboxRowsFor(t, target.email)).filter((m) => m.kind === 'verify-email')).toHaveLength(mailsBefore + 1);
      expect(await auditRowsOf(t, target.user.id, ['email_verification_resent'])).toEqual([{ type: 'email_verification_resent', detail: {}, actorId: admin.userId }]);

      await dataSource(t).query('UPDATE users SET email_verified = true WHERE id = $1', [target.user.id]);
      expectProblem(await adminSupport(t.server, admin.accessToken, target.user.id, 'resend-verification'), 409, 'email_already_verified');
    });
  });

  describe('password-reset-link', () => {
    it('answers a one-time link (no-store) that resets the password once, and records it without the link', async () => {
      const admin = await signedInAdmin(t, clock);
      const target = await signup(t.server, { mode: 'bearer' });
      const res = await adminSupport(t.server, admin.accessToken, target.user.id, 'password-reset-link').expect(201);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({ url: expect.stringMatching(/^http:\/\/localhost:4000\/auth\/reset-password\?token=[A-Za-z0-9_-]{43}$/), expiresAt: expect.any(String) });
      const ttlMs = new Date(res.body.expiresAt).getTime() - Date.now();
      expect(ttlMs).toBeGreaterThan(29 * 60_000);
      expect(ttlMs).toBeLessThanOrEqual(30 * 60_000);

      const token = new URL(res.body.url).searchParams.get('token') as string;
      const newPassword = strongPassword();
      await resetPassword(t.server, token, newPassword).expect(204);
      expectProblem(await resetPassword(t.server, token, strongPassword()), 400, 'invalid_token');
      await login(t.server, { email: target.email, password: newPassword });

      const rows = await auditRowsOf(t, target.user.id, ['password_reset_link_created']);
      expect(rows).toEqual([{ type: 'password_reset_link_created', detail: { expires_at: res.body.expiresAt }, actorId: admin.userId }]);
      expect(JSON.stringify(await dataSource(t).query('SELECT detail FROM security_events WHERE user_id = $1', [target.user.id]))).not.toContain(token);
    });

    it('voids the previous link: only the newest one works', async () => {
      const admin = await signedInAdmin(t, clock);
      const target = await signup(t.server);
      const tokenOf = async () => new URL((await adminSupport(t.server, admin.accessToken, target.user.id, 'password-reset-link').expect(201)).body.url).searchParams.get('token') as string;
      const first = await tokenOf();
      const second = await tokenOf();
      expectProblem(await resetPassword(t.server, first, strongPassword()), 400, 'invalid_token');
      await resetPassword(t.server, second, strongPassword()).expect(204);
    });
  });

  it('keeps the admin role claim in the admin token and records the admin, not the target, as actor', async () => {
    const admin = await signedInAdmin(t, clock);
    expect(claimsOf(admin.accessToken)).toMatchObject({ roles: ['admin'], acr: 'mfa' });
    const target = await signup(t.server);
    await adminSupport(t.server, admin.accessToken, target.user.id, 'clear-login-lock').expect(204);
    expect(await auditRowsOf(t, admin.userId, ['login_lock_cleared'])).toEqual([]);
  });
});
