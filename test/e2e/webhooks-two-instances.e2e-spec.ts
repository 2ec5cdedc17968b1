import { TransactionHost } from '@identsphere/database';
import { WebhookPublisher } from '@identsphere/webhooks';
import { signedInAdmin } from '../support/admin-factories';
import { startAuthApp } from '../support/auth-factories';
import { eventually } from '../support/mail-factories';
import { pinTotpClock } from '../support/mfa-factories';
import type { TestApp } from '../support/test-app';
import { createTestDatabase, describePg, TestDatabase } from '../support/test-database';
import { createWebhook, deliveryRows, verified, WebhookReceiver } from '../support/webhook-factories';

const idOf = (r: { headers: Record<string, unknown> }) => String(r.headers['webhook-id']);

// Two app instances need two connections to one database; the embedded PGlite is a single session that
// one process owns, so this runs against real PostgreSQL (TEST_DATABASE_URL, as CI sets it).
describePg('needs real PostgreSQL (TEST_DATABASE_URL): webhooks with two instances on one database', () => {
  let db: TestDatabase;
  let receiver: WebhookReceiver;
  const apps: TestApp[] = [];

  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    await receiver?.stop();
    await db.drop();
    jest.restoreAllMocks();
  });

  async function instance(): Promise<TestApp> {
    const app = await startAuthApp({ db });
    apps.push(app);
    return app;
  }

  async function endpointOn(t: TestApp, url: string): Promise<{ id: string; secret: string }> {
    const admin = await signedInAdmin(t, pinTotpClock(t));
    const res = await createWebhook(t.server, admin.accessToken, { url, events: ['user.deleted'] }).expect(201);
    return { id: res.body.id, secret: res.body.secret };
  }

  it('delivers each of 50 events exactly once while both workers compete for them', async () => {
    receiver = await WebhookReceiver.start();
    const [a] = [await instance(), await instance()];
    const hook = await endpointOn(a, receiver.url);
    const userIds = Array.from({ length: 50 }, (_, i) => `user-${i}`);
    // One transaction: all 50 become due at the same instant, so both workers compete for them.
    await a.app.get(TransactionHost).run(async () => {
      for (const user_id of userIds) await a.app.get(WebhookPublisher).publish('user.deleted', { user_id });
    });
    await receiver.waitFor((all) => all.length >= 50);
    await eventually(() => deliveryRows(a, hook.id), (rows) => rows.length === 50 && rows.every((r) => r.status === 'sent'));
    // A duplicate could only come from a delivery still running in a worker; stopping both waits for those.
    await Promise.all(apps.splice(0).map((app) => app.close()));

    expect(receiver.received).toHaveLength(50);
    expect(new Set(receiver.received.map(idOf)).size).toBe(50);
    expect(receiver.received.map((r) => verified(hook.secret, r).data.user_id).sort()).toEqual([...userIds].sort());
  });

  it('hands a delivery interrupted by shutdown to the other instance, which sends it under the same webhook-id', async () => {
    receiver = await WebhookReceiver.start((n) => (n === 0 ? 'hang' : 204));
    const a = await instance();
    const hook = await endpointOn(a, receiver.url);
    await a.app.get(WebhookPublisher).publish('user.deleted', { user_id: 'user-interrupted' });
    await receiver.waitFor((all) => all.length === 1);

    const b = await instance();
    // Instance a stops mid-attempt: after its grace it aborts the attempt and releases the row at once.
    await apps.splice(apps.indexOf(a), 1)[0].close();
    const [interrupted, redelivered] = await receiver.waitFor((all) => all.length === 2);
    const [row] = await eventually(() => deliveryRows(b, hook.id), (rows) => rows[0]?.status === 'sent');

    // The one documented duplicate window: the receiver saw the event twice, under one webhook-id.
    expect(idOf(redelivered)).toBe(idOf(interrupted));
    expect(idOf(redelivered)).toBe(row.id);
    expect(verified(hook.secret, redelivered)).toEqual(verified(hook.secret, interrupted));
    // The interrupted attempt was given back, not counted as a failure.
    expect(row).toMatchObject({ attempts: 1, last_error: null });
  });
});
