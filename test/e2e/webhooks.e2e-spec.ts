import request from 'supertest';
import { TransactionHost } from '@identsphere/database';
import { WebhookPublisher } from '@identsphere/webhooks';
import { signedInAdmin, SignedInAdmin } from '../support/admin-factories';
import { bearer, dataSource, expectProblem, signup, startAuthApp } from '../support/auth-factories';
import { eventually } from '../support/mail-factories';
import { pinTotpClock } from '../support/mfa-factories';
import type { TestApp } from '../support/test-app';
import { createWebhook, DeliveryRow, deliveryRows, makeDue, ReceivedWebhook, verified, WebhookReceiver, webhookDeliveries } from '../support/webhook-factories';

describe('webhooks', () => {
  let t: TestApp;
  let admin: SignedInAdmin;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    t = await startAuthApp();
    admin = await signedInAdmin(t, pinTotpClock(t));
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.stop()));
    await t.close();
  });

  async function receiver(...args: Parameters<typeof WebhookReceiver.start>): Promise<WebhookReceiver> {
    const started = await WebhookReceiver.start(...args);
    receivers.push(started);
    return started;
  }

  async function endpoint(url: string, events: string[]): Promise<{ id: string; secret: string }> {
    const res = await createWebhook(t.server, admin.accessToken, { url, events }).expect(201);
    return { id: res.body.id, secret: res.body.secret };
  }

  /** The requests about one user (other tests' sign-ups reach every endpoint subscribed to user.created). */
  const about = (userId: string) => (received: readonly ReceivedWebhook[]) => received.filter((r) => JSON.parse(r.body).data.user_id === userId);

  describe('admin API', () => {
    it('creates an endpoint, shows its whsec_ secret once, keeps it sealed, and lists, reads and deletes it', async () => {
      const r = await receiver();
      const created = await createWebhook(t.server, admin.accessToken, { url: r.url, events: ['user.created', 'user.deleted', 'user.created'] }).expect(201);
      expect(created.body).toEqual({ id: expect.any(String), url: r.url, events: ['user.created', 'user.deleted'], createdAt: expect.any(String), secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{32}$/) });
      const { id, secret } = created.body;

      const [row] = await dataSource(t).query(`SELECT secret_sealed FROM webhook_endpoints WHERE id = $1`, [id]);
      expect(row.secret_sealed).not.toContain(secret.slice(6));

      const read = await request(t.server).get(`/v1/admin/webhooks/${id}`).set(bearer(admin.accessToken)).expect(200);
      expect(read.body).toEqual({ id, url: r.url, events: ['user.created', 'user.deleted'], createdAt: created.body.createdAt });
      const list = await request(t.server).get('/v1/admin/webhooks').set(bearer(admin.accessToken)).expect(200);
      expect(list.body.items).toContainEqual(read.body);
      expect(JSON.stringify(list.body)).not.toContain(secret);

      await request(t.server).delete(`/v1/admin/webhooks/${id}`).set(bearer(admin.accessToken)).expect(204);
      expectProblem(await request(t.server).get(`/v1/admin/webhooks/${id}`).set(bearer(admin.accessToken)), 404, 'not_found');
      expectProblem(await request(t.server).delete(`/v1/admin/webhooks/${id}`).set(bearer(admin.accessToken)), 404, 'not_found');
      expectProblem(await webhookDeliveries(t.server, admin.accessToken, 'not-a-uuid'), 404, 'not_found');
    });

    it('records creating and deleting an endpoint as security events with the acting admin, never the secret or URL', async () => {
      const r = await receiver();
      const { id, secret } = await endpoint(`${r.url}?token=receiver-credential`, ['user.disabled']);
      await request(t.server).delete(`/v1/admin/webhooks/${id}`).set(bearer(admin.accessToken)).expect(204);
      // A failed create (refused URL) changes nothing and records nothing.
      await createWebhook(t.server, admin.accessToken, { url: 'ftp://example.com/hooks', events: ['user.disabled'] }).expect(400);

      const events = await request(t.server).get('/v1/admin/events?type=webhook_created').set(bearer(admin.accessToken)).expect(200);
      const deleted = await request(t.server).get('/v1/admin/events?type=webhook_deleted').set(bearer(admin.accessToken)).expect(200);
      const mine = [...events.body.items, ...deleted.body.items].filter((e: { detail: Record<string, string> }) => e.detail.webhook_id === id);
      expect(mine.map((e: { type: string; actorId: string; userId: string | null }) => [e.type, e.actorId, e.userId])).toEqual([
        ['webhook_created', admin.userId, null],
        ['webhook_deleted', admin.userId, null],
      ]);
      expect(JSON.stringify(mine)).not.toContain(secret);
      expect(JSON.stringify(mine)).not.toContain('receiver-credential');
    });

    it('is for admins only: 401 without a token, 403 forbidden for a user without the admin role', async () => {
      const user = await signup(t.server, { mode: 'bearer' });
      expectProblem(await request(t.server).get('/v1/admin/webhooks'), 401, 'unauthorized');
      expectProblem(await request(t.server).get('/v1/admin/webhooks').set(bearer(user.accessToken)), 403, 'forbidden');
      expectProblem(await createWebhook(t.server, user.accessToken, { url: 'http://127.0.0.1:9/hooks', events: ['user.created'] }), 403, 'forbidden');
    });

    it('needs an admin with a second factor for writes (mfa_enrollment_required), not for reads', async () => {
      const user = await signup(t.server, { mode: 'bearer' });
      await dataSource(t).query(`UPDATE users SET roles = '{admin}' WHERE id = $1`, [user.user.id]);
      const login = await request(t.server).post('/v1/auth/login').set({ 'X-Auth-Mode': 'bearer' }).send({ email: user.email, password: user.password }).expect(200);
      await request(t.server).get('/v1/admin/webhooks').set(bearer(login.body.accessToken)).expect(200);
      expectProblem(await createWebhook(t.server, login.body.accessToken, { url: 'http://127.0.0.1:9/hooks', events: ['user.created'] }), 403, 'mfa_enrollment_required');
    });

    it.each([
      ['an unknown event type', { url: 'http://127.0.0.1:9/hooks', events: ['user.hacked'] }],
      ['no event types', { url: 'http://127.0.0.1:9/hooks', events: [] }],
      ['no url', { events: ['user.created'] }],
      ['an extra property', { url: 'http://127.0.0.1:9/hooks', events: ['user.created'], secret: 'mine' }],
    ])('refuses %s with validation_failed', async (_what, body) => {
      expectProblem(await createWebhook(t.server, admin.accessToken, body), 400, 'validation_failed');
    });

    it.each([
      ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data'],
      ['a private address', 'http://10.0.0.1/hooks'],
      ['a unique-local IPv6 address', 'http://[fd00::1]/hooks'],
      ['an IPv4-mapped loopback address', 'http://[::ffff:127.0.0.1]:8080/hooks'],
      ['another scheme', 'ftp://127.0.0.1/hooks'],
      ['credentials in the URL', 'http://user:secret@127.0.0.1:8080/hooks'],
      ['something that is no URL', 'hooks'],
    ])('refuses %s with webhook_url_refused, echoing nothing of the URL', async (_what, url) => {
      const res = await createWebhook(t.server, admin.accessToken, { url, events: ['user.created'] });
      expectProblem(res, 400, 'webhook_url_refused');
      expect(JSON.stringify(res.body)).not.toContain('secret');
    });
  });

  describe('delivery', () => {
    it('delivers user.created to a subscribed endpoint, signed per Standard Webhooks, and lists it as sent', async () => {
      const r = await receiver();
      const hook = await endpoint(r.url, ['user.created']);
      const user = await signup(t.server);
      const [got] = about(user.user.id)(await r.waitFor((all) => about(user.user.id)(all).length === 1));

      const payload = verified(hook.secret, got);
      expect(payload).toEqual({ type: 'user.created', timestamp: expect.any(String), data: { user_id: user.user.id } });
      expect(got.headers['content-type']).toBe('application/json');
      const deliveries = await webhookDeliveries(t.server, admin.accessToken, hook.id).expect(200);
      const listed = deliveries.body.items.find((d: { id: string }) => d.id === got.headers['webhook-id']);
      expect(listed).toMatchObject({ eventType: 'user.created', attempts: 1, lastError: null });
      // The row is marked sent just after the receiver answered; it keeps the exact body that was signed.
      const rows = await eventuallyRows(hook.id, (all) => all.some((d) => d.id === got.headers['webhook-id'] && d.status === 'sent'));
      expect(rows.find((d) => d.id === got.headers['webhook-id'])?.payload).toBe(got.body);
    });

    it('announces only the subscribed types, with ids and no secrets: session.revoked on logout', async () => {
      const r = await receiver();
      const hook = await endpoint(r.url, ['session.revoked']);
      const user = await signup(t.server, { mode: 'bearer' });
      await request(t.server).post('/v1/auth/logout').set({ 'X-Auth-Mode': 'bearer' }).send({ refreshToken: user.refreshToken }).expect(204);
      const [got] = await r.waitFor((all) => about(user.user.id)(all).length === 1);
      expect(verified(hook.secret, got)).toMatchObject({ type: 'session.revoked', data: { user_id: user.user.id, session_id: user.sessionId, reason: 'logout' } });
      expect(r.ofType('user.created')).toEqual([]);
      expect(got.body).not.toContain(user.refreshToken);
    });

    it('announces a session revoked from the session list, and a password change, each with its facts', async () => {
      const r = await receiver();
      const hook = await endpoint(r.url, ['session.revoked', 'user.password_changed']);
      const user = await signup(t.server, { mode: 'bearer' });
      const other = await request(t.server).post('/v1/auth/login').set({ 'X-Auth-Mode': 'bearer' }).send({ email: user.email, password: user.password }).expect(200);
      await request(t.server).delete(`/v1/me/sessions/${other.body.sessionId}`).set(bearer(user.accessToken)).expect(204);
      await request(t.server).post('/v1/me/password').set(bearer(user.accessToken)).send({ currentPassword: user.password, newPassword: `${user.password}-renewed` }).expect(204);
      const got = about(user.user.id)(await r.waitFor((all) => about(user.user.id)(all).length === 2)).map((one) => verified(hook.secret, one));
      expect(got.map(({ type, data }) => ({ type, data }))).toEqual(
        expect.arrayContaining([
          { type: 'session.revoked', data: { user_id: user.user.id, session_id: other.body.sessionId, reason: 'revoked' } },
          { type: 'user.password_changed', data: { user_id: user.user.id, via: 'change' } },
        ]),
      );
    });

    it('retries a receiver that fails, with the same webhook-id, and delivers once it recovers', async () => {
      const r = await receiver((n) => (n === 0 ? 503 : 200));
      const hook = await endpoint(r.url, ['user.created']);
      const user = await signup(t.server);
      await r.waitFor((all) => about(user.user.id)(all).length === 1);
      const [failed] = await eventuallyRows(hook.id, (rows) => rows[0]?.last_error !== null);
      expect(failed).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringMatching(/^http_503/) });

      await makeDue(t, failed.id);
      const [first, second] = about(user.user.id)(await r.waitFor((all) => about(user.user.id)(all).length === 2));
      expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
      expect(verified(hook.secret, second)).toEqual(verified(hook.secret, first));
      const [sent] = await eventuallyRows(hook.id, (rows) => rows[0]?.status === 'sent');
      expect(sent).toMatchObject({ attempts: 2, last_error: null });
    });

    it('gives up on a receiver that hangs after the attempt timeout, and retries it', async () => {
      const r = await receiver((n) => (n === 0 ? 'hang' : 204));
      const hook = await endpoint(r.url, ['user.created']);
      const user = await signup(t.server);
      const [timedOut] = await eventuallyRows(hook.id, (rows) => rows[0]?.last_error !== null, 25_000);
      expect(timedOut).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringMatching(/^timeout/) });

      await makeDue(t, timedOut.id);
      await r.waitFor((all) => about(user.user.id)(all).length === 2);
      await eventuallyRows(hook.id, (rows) => rows[0]?.status === 'sent');
    }, 40_000);

    it('marks a delivery failed after the last allowed attempt, and lists it so', async () => {
      const r = await receiver(() => 500);
      const hook = await endpoint(r.url, ['user.created']);
      await signup(t.server);
      const [first] = await eventuallyRows(hook.id, (rows) => rows[0]?.attempts === 1 && rows[0].last_error !== null);
      // As if nine attempts had failed: the next claim is the tenth and last (DEFAULT_WEBHOOK_RETRY_POLICY).
      await dataSource(t).query(`UPDATE webhook_deliveries SET attempts = 9, next_attempt_at = now() WHERE id = $1`, [first.id]);
      const [failed] = await eventuallyRows(hook.id, (rows) => rows[0]?.status === 'failed');
      expect(failed).toMatchObject({ attempts: 10, last_error: expect.stringMatching(/^http_500/) });
      const listed = await webhookDeliveries(t.server, admin.accessToken, hook.id).expect(200);
      expect(listed.body.items[0]).toMatchObject({ id: first.id, status: 'failed', attempts: 10, nextAttemptAt: null, sentAt: null });
    });

    it('queues an event with the change it announces: nothing when that transaction rolls back', async () => {
      const r = await receiver();
      const hook = await endpoint(r.url, ['user.deleted']);
      const rollback = t.app.get(TransactionHost).run(async () => {
        await t.app.get(WebhookPublisher).publish('user.deleted', { user_id: 'rolled-back' });
        throw new Error('the change failed');
      });
      await expect(rollback).rejects.toThrow('the change failed');
      await t.app.get(WebhookPublisher).publish('user.deleted', { user_id: 'committed' });
      const rows = await eventuallyRows(hook.id, (all) => all.length === 1 && all[0].status === 'sent');
      expect(JSON.parse(rows[0].payload).data).toEqual({ user_id: 'committed' });
      expect(r.received.map((got) => verified(hook.secret, got).data.user_id)).toEqual(['committed']);
    });

    it('counts attempts by outcome and reports the queue depth on /metrics', async () => {
      const r = await receiver();
      const hook = await endpoint(r.url, ['user.created']);
      await signup(t.server);
      await eventuallyRows(hook.id, (rows) => rows[0]?.status === 'sent');
      const metrics = await request(t.server).get('/metrics').expect(200);
      expect(metrics.text).toMatch(/^identsphere_webhook_delivery_attempts_total\{outcome="sent"\} [1-9]/m);
      expect(metrics.text).toMatch(/^identsphere_webhook_queue_depth \d+$/m);
    });
  });

  /** Polls the endpoint's delivery rows until `check` holds (state the worker changes in the background). */
  const eventuallyRows = (endpointId: string, check: (rows: DeliveryRow[]) => boolean, timeoutMs?: number) => eventually(() => deliveryRows(t, endpointId), check, timeoutMs);
});
