import request from 'supertest';
import { asAdmin, everyPage, grantRoles, signedInAdmin, staleAdminToken, useAdminApp } from '../support/admin-factories';
import { bearer, dataSource, expectProblem, login, randomId, refreshWithToken, signup, uniqueEmail } from '../support/auth-factories';
import { claimsOf, enrolTotp } from '../support/mfa-factories';
import { metricSample } from '../support/metrics-sample';

const USERS = '/v1/admin/users';

describe('the users admin API', () => {
  const app = useAdminApp();

  const api = () => asAdmin(app.t.server, app.admin.accessToken);
  const adminCount = (action: string) => metricSample(app.t.server, 'identsphere_admin_actions_total', { action });

  describe('who may call it', () => {
    it('refuses a call without a token (401) and a signed-in user without the admin role (403 forbidden)', async () => {
      expectProblem(await request(app.t.server).get(USERS), 401, 'unauthorized');
      const user = await signup(app.t.server, { mode: 'bearer' });
      expectProblem(await asAdmin(app.t.server, user.accessToken).get(USERS), 403, 'forbidden');
      expectProblem(await asAdmin(app.t.server, user.accessToken).post(`${USERS}/${user.user.id}/disable`, { reason: 'x' }), 403, 'forbidden');
      expectProblem(await request(app.t.server).get('/v1/admin/events').set(bearer(user.accessToken)), 403, 'forbidden');
    });

    it('lets an admin without a second factor read, but asks them to enrol one before any write', async () => {
      const account = await signup(app.t.server, { mode: 'bearer' });
      await grantRoles(app.t, account.user.id, ['admin']);
      const relogged = await login(app.t.server, { email: account.email, password: account.password, mode: 'bearer' });
      const target = await signup(app.t.server, { mode: 'bearer' });
      await asAdmin(app.t.server, relogged.accessToken).get(`${USERS}/${target.user.id}`).expect(200);
      expectProblem(await asAdmin(app.t.server, relogged.accessToken).post(`${USERS}/${target.user.id}/disable`, { reason: 'x' }), 403, 'mfa_enrollment_required');
    });

    it('asks an admin whose authentication is stale to step up before a write', async () => {
      const target = await signup(app.t.server, { mode: 'bearer' });
      const stale = await staleAdminToken(app.t, app.admin);
      await asAdmin(app.t.server, stale).get(`${USERS}/${target.user.id}`).expect(200);
      const refused = await asAdmin(app.t.server, stale).put(`${USERS}/${target.user.id}/roles`, { roles: ['support'] });
      expectProblem(refused, 403, 'step_up_required');
      expect(refused.body.methods).toEqual(['totp', 'recovery_code']);
    });
  });

  describe('GET /v1/admin/users/{id}', () => {
    it('shows the account with its live sessions and factors, and never a secret', async () => {
      const target = await signup(app.t.server, { mode: 'bearer', userAgent: 'target-agent' });
      const { secret, recoveryCodes } = await enrolTotp(app.t.server, target.accessToken, app.clock.now());
      const res = await api().get(`${USERS}/${target.user.id.toUpperCase()}`).expect(200);
      expect(res.body).toMatchObject({ id: target.user.id, email: target.email, disabled: false, disabledAt: null, disabledUntil: null, roles: [] });
      expect(res.body.sessions).toEqual([expect.objectContaining({ id: target.sessionId, userAgent: 'target-agent', acr: 'pwd' })]);
      expect(res.body.factors).toEqual({ totp: true, passkeys: [], recoveryCodesRemaining: recoveryCodes.length });
      const text = JSON.stringify(res.body);
      for (const secretValue of [secret, ...recoveryCodes, target.refreshToken]) expect(text).not.toContain(secretValue);
      expect(text).not.toMatch(/password|hash|secret/i);
    });

    it('answers 404 not_found for an unknown and for a malformed id', async () => {
      expectProblem(await api().get(`${USERS}/${randomId()}`), 404, 'not_found');
      expectProblem(await api().get(`${USERS}/not-a-uuid`), 404, 'not_found');
      expectProblem(await api().post(`${USERS}/${randomId()}/disable`, { reason: 'x' }), 404, 'not_found');
      expectProblem(await api().delete(`${USERS}/${randomId()}`), 404, 'not_found');
    });
  });

  describe('disable and enable', () => {
    it('disables at once: the access token, the refresh token and the password stop working', async () => {
      const target = await signup(app.t.server, { mode: 'bearer' });
      const before = await adminCount('disable');
      const res = await api().post(`${USERS}/${target.user.id}/disable`, { reason: 'offboarding' }).expect(200);
      expect(res.body).toMatchObject({ id: target.user.id, disabled: true, disabledUntil: null });
      expect(Date.parse(res.body.disabledAt)).not.toBeNaN();
      expectProblem(await request(app.t.server).get('/v1/me').set(bearer(target.accessToken)), 401, 'unauthorized');
      expect((await refreshWithToken(app.t.server, target.refreshToken)).status).toBe(401);
      expectProblem(await request(app.t.server).post('/v1/auth/login').send({ email: target.email, password: target.password }), 403, 'account_disabled');
      expect(await adminCount('disable')).toBe(before + 1);
    });

    it('enables again: the user signs in and sees both actions, done by an app.admin, without the admin’s address', async () => {
      const target = await signup(app.t.server, { mode: 'bearer' });
      await api().post(`${USERS}/${target.user.id}/disable`, { reason: 'abuse report' }).expect(200);
      const enabled = await api().post(`${USERS}/${target.user.id}/enable`).expect(200);
      expect(enabled.body).toMatchObject({ disabled: false, disabledAt: null });
      const again = await login(app.t.server, { email: target.email, password: target.password, mode: 'bearer' });
      const events = (await request(app.t.server).get('/v1/me/events').set(bearer(again.accessToken)).expect(200)).body.items;
      const byAdmin = events.filter((e: any) => e.actor === 'admin');
      expect(byAdmin.map((e: any) => e.type)).toEqual(['account_enabled', 'account_disabled']);
      expect(byAdmin.every((e: any) => e.ip === null && e.userAgent === null)).toBe(true);
      expect(events.find((e: any) => e.type === 'login_succeeded').actor).toBeNull();
      expect(JSON.stringify(events)).not.toContain(app.admin.userId);
    });

    it('disables until a moment, after which the account counts as enabled again with no one acting', async () => {
      const target = await signup(app.t.server, { mode: 'bearer' });
      const until = new Date(Date.now() + 3_600_000).toISOString();
      const res = await api().post(`${USERS}/${target.user.id}/disable`, { reason: 'cool-off', until }).expect(200);
      expect(res.body).toMatchObject({ disabled: true, disabledUntil: until });
      expectProblem(await request(app.t.server).post('/v1/auth/login').send({ email: target.email, password: target.password }), 403, 'account_disabled');

      await dataSource(app.t).query(`UPDATE users SET disabled_until = now() - interval '1 second' WHERE id = $1`, [target.user.id]);
      const again = await login(app.t.server, { email: target.email, password: target.password, mode: 'bearer' });
      await request(app.t.server).get('/v1/me').set(bearer(again.accessToken)).expect(200);
      expect((await api().get(`${USERS}/${target.user.id}`).expect(200)).body).toMatchObject({ disabled: false, disabledAt: null, disabledUntil: null });
    });

    it.each([
      ['no reason', {}],
      ['an empty reason', { reason: '' }],
      ['a reason too long', { reason: 'x'.repeat(201) }],
      ['an until in the past', { reason: 'x', until: '2020-01-01T00:00:00.000Z' }],
      ['an until that is no date', { reason: 'x', until: 'tomorrow' }],
      ['an unknown property', { reason: 'x', notify: true }],
    ])('answers 400 validation_failed for %s', async (_what, body) => {
      const target = await signup(app.t.server, { mode: 'bearer' });
      expectProblem(await api().post(`${USERS}/${target.user.id}/disable`, body), 400, 'validation_failed');
      await request(app.t.server).get('/v1/me').set(bearer(target.accessToken)).expect(200);
    });
  });

  describe('sessions and roles', () => {
    it('revokes every session of the account and says how many', async () => {
      const target = await signup(app.t.server, { mode: 'bearer' });
      const second = await login(app.t.server, { email: target.email, password: target.password, mode: 'bearer' });
      const res = await api().post(`${USERS}/${target.user.id}/sessions/revoke`).expect(200);
      expect(res.body).toEqual({ revoked: 2 });
      for (const token of [target.refreshToken, second.refreshToken]) expect((await refreshWithToken(app.t.server, token)).status).toBe(401);
      expectProblem(await request(app.t.server).get('/v1/me').set(bearer(second.accessToken)), 401, 'unauthorized');
    });

    it('sets roles, which the next refreshed access token carries, and records the change', async () => {
      const target = await signup(app.t.server, { mode: 'bearer' });
      const res = await api().put(`${USERS}/${target.user.id}/roles`, { roles: ['support', 'billing.read', 'support'] }).expect(200);
      expect(res.body.roles).toEqual(['billing.read', 'support']);
      expect(claimsOf(target.accessToken).roles).toEqual([]);
      const refreshed = await refreshWithToken(app.t.server, target.refreshToken).expect(200);
      expect(claimsOf(refreshed.body.accessToken).roles).toEqual(['billing.read', 'support']);
      const events = (await api().get(`/v1/admin/events?userId=${target.user.id}&type=roles_changed`).expect(200)).body.items;
      expect(events).toEqual([expect.objectContaining({ actorId: app.admin.userId, detail: { added: 'billing.read,support', removed: '' } })]);
    });

    it.each([[['Admin']], [['1role']], [['a b']], [['x'.repeat(65)]], [[42]], ['admin'], [Array.from({ length: 33 }, (_, i) => `r${i}`)]])(
      'refuses the roles %j with 400 validation_failed',
      async (roles) => {
        const target = await signup(app.t.server, { mode: 'bearer' });
        expectProblem(await api().put(`${USERS}/${target.user.id}/roles`, { roles }), 400, 'validation_failed');
      },
    );
  });

  describe('safeguards', () => {
    it('refuses an admin disabling, deleting or demoting their own account with 409 admin_self_action', async () => {
      expectProblem(await api().post(`${USERS}/${app.admin.userId}/disable`, { reason: 'oops' }), 409, 'admin_self_action');
      expectProblem(await api().delete(`${USERS}/${app.admin.userId}`), 409, 'admin_self_action');
      expectProblem(await api().put(`${USERS}/${app.admin.userId}/roles`, { roles: ['support'] }), 409, 'admin_self_action');
      const kept = await api().put(`${USERS}/${app.admin.userId}/roles`, { roles: ['admin', 'support'] }).expect(200);
      expect(kept.body.roles).toEqual(['admin', 'support']);
    });

    it('lets one admin demote another, but never the last enabled admin (409 last_admin)', async () => {
      const other = await signedInAdmin(app.t, app.clock);
      await dataSource(app.t).query(`UPDATE users SET roles = '{}' WHERE 'admin' = ANY(roles) AND id NOT IN ($1, $2)`, [app.admin.userId, other.userId]);
      await api().put(`${USERS}/${other.userId}/roles`, { roles: [] }).expect(200);
      // The first admin's role is taken away elsewhere while their token still carries it.
      await grantRoles(app.t, other.userId, ['admin']);
      await grantRoles(app.t, app.admin.userId, []);
      expectProblem(await api().put(`${USERS}/${other.userId}/roles`, { roles: [] }), 409, 'last_admin');
      expectProblem(await api().post(`${USERS}/${other.userId}/disable`, { reason: 'x' }), 409, 'last_admin');
      expectProblem(await api().delete(`${USERS}/${other.userId}`), 409, 'last_admin');
      expect((await api().get(`${USERS}/${other.userId}`).expect(200)).body).toMatchObject({ roles: ['admin'], disabled: false });
    });
  });

  describe('delete', () => {
    it('deletes the account with its sessions; the deletion stays in the admin event log', async () => {
      const target = await signup(app.t.server, { mode: 'bearer' });
      await api().delete(`${USERS}/${target.user.id}`).expect(204);
      expectProblem(await api().get(`${USERS}/${target.user.id}`), 404, 'not_found');
      expectProblem(await request(app.t.server).get('/v1/me').set(bearer(target.accessToken)), 401, 'unauthorized');
      const events = (await api().get(`/v1/admin/events?userId=${target.user.id}`).expect(200)).body.items;
      expect(events[0]).toMatchObject({ type: 'account_deleted', actorId: app.admin.userId, userId: target.user.id });
      await signup(app.t.server, { email: target.email, mode: 'bearer' });
    });
  });

  describe('GET /v1/admin/users', () => {
    it('searches by email prefix, role, disabled and verified, newest first', async () => {
      const prefix = `search-${randomId().slice(0, 8)}`;
      const accounts = [];
      for (let i = 0; i < 3; i++) accounts.push(await signup(app.t.server, { email: uniqueEmail(`${prefix}-${i}`), mode: 'bearer' }));
      await grantRoles(app.t, accounts[1].user.id, ['auditor']);
      await dataSource(app.t).query('UPDATE users SET email_verified = true WHERE id = $1', [accounts[2].user.id]);
      await api().post(`${USERS}/${accounts[0].user.id}/disable`, { reason: 'x' }).expect(200);

      const ids = async (query: string) => (await api().get(`${USERS}?email=${encodeURIComponent(prefix.toUpperCase())}${query}`).expect(200)).body.items.map((u: any) => u.id);
      const [a, b, c] = accounts.map((s) => s.user.id);
      expect(await ids('')).toEqual([c, b, a]);
      expect(await ids('&role=auditor')).toEqual([b]);
      expect(await ids('&disabled=true')).toEqual([a]);
      expect(await ids('&disabled=false')).toEqual([c, b]);
      expect(await ids('&verified=true')).toEqual([c]);
      expect(await ids('&verified=false&disabled=false')).toEqual([b]);
    });

    it('takes LIKE wildcards in the email prefix literally', async () => {
      await signup(app.t.server, { mode: 'bearer' });
      expect((await api().get(`${USERS}?email=${encodeURIComponent('%')}`).expect(200)).body.items).toEqual([]);
      expect((await api().get(`${USERS}?email=_`).expect(200)).body.items).toEqual([]);
    });

    it('pages through every match exactly once, with a null cursor at the end', async () => {
      const prefix = `page-${randomId().slice(0, 8)}`;
      for (let i = 0; i < 5; i++) await signup(app.t.server, { email: uniqueEmail(`${prefix}-${i}`), mode: 'bearer' });
      const seen = (await everyPage((cursor) => api().get(`${USERS}?email=${prefix}&limit=2${cursor}`))).map((u) => u.id);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
    });

    it.each(['?limit=0', '?limit=101', '?limit=x', '?cursor=nonsense', '?disabled=yes', '?verified=1', '?role=Bad%20Role', `?email=${'a'.repeat(255)}`, '?page=2'])(
      'answers 400 validation_failed for %s',
      async (query) => {
        expectProblem(await api().get(`${USERS}${query}`), 400, 'validation_failed');
      },
    );
  });
});
