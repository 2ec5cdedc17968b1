import { Readable } from 'node:stream';
import request from 'supertest';
import { runCli } from '../../apps/identsphere/src/cli/run-cli';
import { readSecretFromStdin } from '../../apps/identsphere/src/cli/stdin-secret';
import { AUTH_TEST_ENV, bearer, expectProblem, login, refreshWithCookie, signup, startAuthApp, strongPassword, uniqueEmail } from '../support/auth-factories';
import { claimsOf, enrolTotp, passwordStep, pinTotpClock, verifyMfa } from '../support/mfa-factories';
import { basicAuth } from '../support/oauth-factories';
import { TEST_JWT_SECRET, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { totpCode } from '../support/totp';
import { verified, WebhookReceiver } from '../support/webhook-factories';

/**
 * The administration issue's "done when", as one operator's story on a fresh database: every step through
 * the public surface (the CLI, HTTP, a real webhook receiver), each relying on the one before.
 */
describe("an operator's first day", () => {
  let db: TestDatabase;
  let t: TestApp;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    db = await createTestDatabase();
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.stop();
    await db?.drop();
  });

  /** `cli.js admin create --email …` with the password piped in, as an operator runs it before the first boot. */
  async function createFirstAdmin(email: string, password: string): Promise<number> {
    const stdin = Object.assign(Readable.from([Buffer.from(`${password}\n`)]), { isTTY: false }) as unknown as NodeJS.ReadStream;
    const env = { NODE_ENV: 'test', IDENTSPHERE_JWT_SECRET: TEST_JWT_SECRET, IDENTSPHERE_LOG_LEVEL: 'error', ...AUTH_TEST_ENV, ...db.env };
    const io = { out: () => undefined, err: () => undefined, readSecret: () => readSecretFromStdin(stdin) };
    return runCli(['admin', 'create', '--email', email], env, io);
  }

  it('creates the first admin, signs in with MFA, disables and restores a user, introspects with a client, and receives signed webhooks', async () => {
    const adminEmail = uniqueEmail('first-admin');
    const adminPassword = strongPassword();
    expect(await createFirstAdmin(adminEmail, adminPassword)).toBe(0);

    t = await startAuthApp({ db });
    const clock = pinTotpClock(t);
    // Signed in with the password alone, the admin may read but not act, and enrols a second factor first.
    const firstLogin = await login(t.server, { email: adminEmail, password: adminPassword, mode: 'bearer' });
    expect(claimsOf(firstLogin.accessToken).roles).toEqual(['admin']);
    const admin = request.agent(t.server);
    expectProblem(await admin.post('/v1/admin/webhooks').set(bearer(firstLogin.accessToken)).send({ url: receiver.url, events: ['user.disabled'] }), 403, 'mfa_enrollment_required');
    const { secret: totpSecret } = await enrolTotp(t.server, firstLogin.accessToken, clock.now());
    clock.set(clock.now() + 30);
    const mfaLogin = await verifyMfa(t.server, await passwordStep(t.server, adminEmail, adminPassword), 'totp', totpCode(totpSecret, clock.now())).expect(200);
    const adminToken: string = mfaLogin.body.accessToken;
    expect(claimsOf(adminToken)).toMatchObject({ roles: ['admin'], acr: 'mfa', amr: ['pwd', 'otp'] });

    const hook = await admin.post('/v1/admin/webhooks').set(bearer(adminToken)).send({ url: receiver.url, events: ['user.disabled', 'session.revoked'] }).expect(201);
    expect(hook.body.secret).toMatch(/^whsec_/);

    // A member of staff signed in to the SPA (cookie mode).
    const memberEmail = uniqueEmail('staff-member');
    const member = await signup(t.server, { email: memberEmail });
    const spaCookie = member.cookieHeader;

    const found = await admin.get(`/v1/admin/users?email=${encodeURIComponent(memberEmail.slice(0, 14))}`).set(bearer(adminToken)).expect(200);
    expect(found.body.items.map((u: { email: string }) => u.email)).toEqual([memberEmail]);
    const memberId: string = found.body.items[0].id;

    await admin.post(`/v1/admin/users/${memberId}/disable`).set(bearer(adminToken)).send({ reason: 'laptop reported stolen' }).expect(200);
    // At once, on this and every instance: the access token and the SPA's refresh cookie are dead.
    expectProblem(await request(t.server).get('/v1/me').set(bearer(member.accessToken)), 401, 'unauthorized');
    expectProblem(await refreshWithCookie(t.server, spaCookie), 401, 'session_revoked');
    const disabledHook = await receiver.waitFor((received) => received.some((r) => JSON.parse(r.body).type === 'user.disabled'));
    const announced = verified(hook.body.secret, disabledHook.find((r) => JSON.parse(r.body).type === 'user.disabled')!);
    expect(announced.data).toMatchObject({ user_id: memberId });

    await admin.post(`/v1/admin/users/${memberId}/enable`).set(bearer(adminToken)).send({}).expect(200);
    const back = await login(t.server, { email: memberEmail, password: member.password, mode: 'bearer' });

    // A resource server's machine client checks the member's new token.
    const client = await admin.post('/v1/admin/clients').set(bearer(adminToken)).send({ name: 'orders-api', scopes: ['introspect'] }).expect(201);
    const introspection = await request(t.server)
      .post('/oauth/introspect')
      .set(basicAuth(client.body.clientId, client.body.clientSecret))
      .type('form')
      .send({ token: back.accessToken })
      .expect(200);
    expect(introspection.body).toMatchObject({ active: true, sub: memberId });

    const trail = await admin.get(`/v1/admin/events?userId=${memberId}`).set(bearer(adminToken)).expect(200);
    const adminId = claimsOf(adminToken).sub;
    expect(trail.body.items.filter((e: { actorId?: string }) => e.actorId === adminId).map((e: { type: string }) => e.type)).toEqual(['account_enabled', 'account_disabled']);
  });
});
