import { request } from 'node:http';
import { Client } from 'pg';
import { describeFleet, FAULT_TEST_TIMEOUT_MS, useFleet } from './fleet-spec-support';
import { FleetClient, newCredentials, signedInClients } from './traffic/fleet-client';
import { SteadyTraffic } from './traffic/steady-traffic';

const LOGIN_MAX_FAILURES = 5;

/** Signs up from another loopback address than HAProxy's own (127.0.0.1), so the address it forwards is told apart. */
function signupFrom(localAddress: string, url: string, credentials: { email: string; password: string }): Promise<any> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(credentials);
    const req = request(`${url}/v1/auth/signup`, { method: 'POST', localAddress, headers: { 'Content-Type': 'application/json', 'X-Auth-Mode': 'bearer' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve(JSON.parse(text)));
    });
    req.once('error', reject);
    req.end(body);
  });
}

describeFleet('a fleet of 3 instances behind HAProxy and PgBouncer (transaction pooling): rotation and throttles', () => {
  const fleet = useFleet({ env: { IDENTSPHERE_LOGIN_MAX_FAILURES: String(LOGIN_MAX_FAILURES) } });

  it('boots 3 instances at once (one migration run) and routes round robin, with the client address from X-Forwarded-For', async () => {
    const f = fleet();
    expect((await f.proxy!.servers()).map((s) => s.status)).toEqual(['UP', 'UP', 'UP']);
    const db = new Client({ connectionString: f.postgres!.url });
    await db.connect();
    const applied = await db.query(`SELECT name, count(*)::int AS times FROM schema_migrations GROUP BY name`).finally(() => db.end());
    expect(applied.rows.length).toBeGreaterThan(0);
    expect(applied.rows.filter((r) => r.times !== 1)).toEqual([]);
    const [client] = await signedInClients(f.url, 1);
    const served = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const me = await client.me();
      expect(me.status).toBe(200);
      served.add(me.instance!);
    }
    expect([...served].sort()).toEqual(['i0', 'i1', 'i2']);

    const fromElsewhere = new FleetClient(f.url, newCredentials());
    const signedUp = await signupFrom('127.0.0.2', f.url, fromElsewhere.credentials);
    const sessions = await fetch(`${f.url}/v1/me/sessions`, { headers: { Authorization: `Bearer ${signedUp.accessToken}` } });
    expect(((await sessions.json()) as any).items.map((s: any) => s.ip)).toEqual(['127.0.0.2']);
  }, FAULT_TEST_TIMEOUT_MS);

  it('keeps every refresh chain valid under a login storm plus steady refresh traffic across the instances', async () => {
    const f = fleet();
    const clients = await signedInClients(f.url, 12);
    const traffic = new SteadyTraffic(clients);
    // The storm: every client signs in again, several at once, while the others' refreshes run.
    const stormers = await signedInClients(f.url, 8);
    const storm = await Promise.all(stormers.map((c) => c.login()));
    await traffic.progress(300);
    const report = await traffic.stop();

    expect(storm.map((o) => o.status)).toEqual(stormers.map(() => 200));
    expect(report.broken).toEqual([]);
    expect(report.failures()).toEqual([]);
    expect(report.count((o) => o.code === 'refresh_token_reused')).toBe(0);
    expect([...report.instances()].sort()).toEqual(['i0', 'i1', 'i2']);
    // Each chain is still live after the run, wherever its next refresh lands.
    for (const c of [...clients, ...stormers]) expect((await c.refresh()).status).toBe(200);
  }, FAULT_TEST_TIMEOUT_MS);

  it('answers a real replay of a rotated refresh token with refresh_token_reused on any instance (detection is fleet-wide)', async () => {
    const [client] = await signedInClients(fleet().url, 1, 1);
    const stolen = client.refreshToken;
    expect((await client.refresh()).status).toBe(200);
    expect((await client.refresh()).status).toBe(200); // `stolen` is now two rotations old: past the grace answer
    const thief = new FleetClient(fleet().url, client.credentials);
    thief.refreshToken = stolen;
    expect(await thief.refresh()).toMatchObject({ status: 401, code: 'refresh_token_reused' });
    expect(await client.refresh()).toMatchObject({ status: 401, code: 'session_revoked' });
  }, FAULT_TEST_TIMEOUT_MS);

  it(`verifies exactly IDENTSPHERE_LOGIN_MAX_FAILURES (${LOGIN_MAX_FAILURES}) wrong passwords per account, however the attempts spread over the instances`, async () => {
    const [victim] = await signedInClients(fleet().url, 1, 1);
    const attempts = 15;
    const attackers = Array.from({ length: attempts }, () => new FleetClient(fleet().url, victim.credentials));
    const outcomes = await Promise.all(attackers.map((a) => a.login(newCredentials().password)));

    expect(new Set(outcomes.map((o) => o.instance))).toEqual(new Set(['i0', 'i1', 'i2']));
    expect(outcomes.filter((o) => o.code === 'invalid_credentials')).toHaveLength(LOGIN_MAX_FAILURES);
    expect(outcomes.filter((o) => o.code === 'rate_limited')).toHaveLength(attempts - LOGIN_MAX_FAILURES);
    // Locked on every instance, the right password included.
    for (let i = 0; i < 3; i++) expect(await new FleetClient(fleet().url, victim.credentials).login()).toMatchObject({ status: 429, code: 'rate_limited' });
  }, FAULT_TEST_TIMEOUT_MS);
});
