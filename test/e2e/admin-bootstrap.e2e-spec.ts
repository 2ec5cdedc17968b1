import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { Readable } from 'node:stream';
import { runCli } from '../../apps/identsphere/src/cli/run-cli';
import { readSecretFromStdin } from '../../apps/identsphere/src/cli/stdin-secret';
import { auditRowsOf } from '../support/admin-factories';
import { AUTH_TEST_ENV, bearer, dataSource, expectProblem, login, refreshWithToken, signup, startAuthApp, strongPassword, uniqueEmail, withAuthApp } from '../support/auth-factories';
import { LogCapture } from '../support/log-capture';
import { confirmEmailChange, confirmVerification, resetPassword, tokenOf, useMailApp } from '../support/mail-factories';
import { claimsOf } from '../support/mfa-factories';
import { queryTestDatabase } from '../support/query-test-database';
import { TEST_JWT_SECRET, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const BUILT_CLI = resolve(__dirname, '../../dist/apps/identsphere/src/cli.js');

describe('IDENTSPHERE_BOOTSTRAP_ADMIN_EMAIL', () => {
  const bootstrapEmail = uniqueEmail('bootstrap-admin');
  const mail = useMailApp({ env: { IDENTSPHERE_BOOTSTRAP_ADMIN_EMAIL: bootstrapEmail.toUpperCase() } });

  it('grants nothing at signup; confirming the address grants admin, and the next access token carries the role', async () => {
    const s = await signup(mail.t.server, { email: bootstrapEmail, mode: 'bearer' });
    expect(claimsOf(s.accessToken).roles).toEqual([]);
    expect(s.user.roles).toEqual([]);

    const confirmed = await confirmVerification(mail.t.server, tokenOf(await mail.sink.waitForMail(bootstrapEmail, 'verify-email'))).expect(200);
    expect(confirmed.body).toMatchObject({ emailVerified: true, roles: ['admin'] });
    const next = await refreshWithToken(mail.t.server, s.refreshToken).expect(200);
    expect(claimsOf(next.body.accessToken).roles).toEqual(['admin']);

    expect(await auditRowsOf(mail.t, s.user.id, ['roles_changed'])).toEqual([{ type: 'roles_changed', detail: { added: 'admin', via: 'bootstrap' } }]);
    const events = (await request(mail.t.server).get('/v1/me/events').set(bearer(next.body.accessToken)).expect(200)).body.items;
    expect(events.map((e: { type: string }) => e.type)).toContain('roles_changed');
  });

  it('leaves every other verified account without the role', async () => {
    const s = await signup(mail.t.server, { mode: 'bearer' });
    const confirmed = await confirmVerification(mail.t.server, tokenOf(await mail.sink.waitForMail(s.email, 'verify-email'))).expect(200);
    expect(confirmed.body.roles).toEqual([]);
    expect(await auditRowsOf(mail.t, s.user.id, ['roles_changed'])).toEqual([]);
  });

  /** A second instance on the same database with another bootstrap address, for flows other than signup. */
  const withBootstrapFor = <T>(address: string, fn: (t: TestApp) => Promise<T>): Promise<T> =>
    withAuthApp({ db: mail.t.db, env: { IDENTSPHERE_BOOTSTRAP_ADMIN_EMAIL: address, IDENTSPHERE_SMTP_URL: mail.sink.url } }, fn);

  it('grants the role when a confirmed email change moves an account to the address', async () => {
    const target = uniqueEmail('moving-admin');
    await withBootstrapFor(target, async (t) => {
      const s = await signup(t.server, { mode: 'bearer' });
      await request(t.server).post('/v1/me/email').set(bearer(s.accessToken)).send({ newEmail: target, password: s.password }).expect(202);
      const confirmed = await confirmEmailChange(t.server, tokenOf(await mail.sink.waitForMail(target, 'change-email'))).expect(200);
      expect(confirmed.body).toMatchObject({ email: target, emailVerified: true, roles: ['admin'] });
    });
  });

  it('grants the role when a password reset is what verifies the address (the link reached the mailbox)', async () => {
    const other = uniqueEmail('late-admin');
    await withBootstrapFor(other, async (t) => {
      const s = await signup(t.server, { email: other, mode: 'bearer' });
      await request(t.server).post('/v1/auth/password/forgot').send({ email: other }).expect(202);
      await resetPassword(t.server, tokenOf(await mail.sink.waitForMail(other, 'reset-password')), strongPassword()).expect(204);
      expect((await dataSource(t).query('SELECT roles, email_verified FROM users WHERE id = $1', [s.user.id]))[0]).toEqual({ roles: ['admin'], email_verified: true });
    });
  });
});

describe('IDENTSPHERE_BOOTSTRAP_ADMIN_EMAIL at boot', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(() => db.drop());

  const boot = (env: Record<string, string> = {}, logs?: LogCapture) => startAuthApp({ db, env, logDestination: logs });

  it('grants the role to an account verified before the variable was set, once however often instances boot', async () => {
    let t: TestApp = await boot();
    const s = await signup(t.server);
    const unverified = await signup(t.server);
    await dataSource(t).query('UPDATE users SET email_verified = true WHERE id = $1', [s.user.id]);
    await t.close();

    const logs = [new LogCapture(), new LogCapture()];
    for (const capture of logs) {
      t = await boot({ IDENTSPHERE_BOOTSTRAP_ADMIN_EMAIL: s.email, IDENTSPHERE_LOG_LEVEL: 'info' }, capture);
      await t.close();
    }
    // Logged by id, once (the second boot finds the role held); never the address.
    expect(logs.map((capture) => capture.lines().filter((l) => l.context === 'BootstrapAdmin').map((l) => l.msg))).toEqual([[`admin role granted user=${s.user.id} via=bootstrap`], []]);
    expect(logs.map((capture) => capture.raw.includes(s.email))).toEqual([false, false]);
    t = await boot({ IDENTSPHERE_BOOTSTRAP_ADMIN_EMAIL: unverified.email });
    try {
      const signedIn = await login(t.server, { email: s.email, password: s.password, mode: 'bearer' });
      expect(claimsOf(signedIn.accessToken).roles).toEqual(['admin']);
      expect(await auditRowsOf(t, s.user.id, ['roles_changed'])).toHaveLength(1);
      // An unverified address proves nothing: whoever signed up with it first does not become admin.
      expect((await login(t.server, { email: unverified.email, password: unverified.password })).user.roles).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('cli admin create', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(() => db.drop());

  const env = () => ({ NODE_ENV: 'test', IDENTSPHERE_JWT_SECRET: TEST_JWT_SECRET, IDENTSPHERE_LOG_LEVEL: 'error', ...AUTH_TEST_ENV, ...db.env });

  /** Runs the command in-process; `stdin` is what is piped in (null: a terminal), read by the real stdin reader. */
  async function adminCreate(args: string[], stdin: string | null = null) {
    const lines = { out: [] as string[], err: [] as string[] };
    let stdinRead = false;
    const stream = Object.assign(Readable.from(stdin === null ? [] : [Buffer.from(stdin)]), { isTTY: stdin === null }) as unknown as NodeJS.ReadStream;
    const readSecret = () => ((stdinRead = true), readSecretFromStdin(stream));
    const io = { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l), readSecret };
    const code = await runCli(['admin', 'create', ...args], env(), io);
    return { code, ...lines, stdinRead };
  }

  const withApp = <T>(fn: (t: TestApp) => Promise<T>): Promise<T> => withAuthApp({ db }, fn);

  it('creates a verified admin with the password piped on stdin; it signs in with it and its token carries the role', async () => {
    const email = uniqueEmail('cli-admin');
    const password = strongPassword();
    const run = await adminCreate(['--email', email.toUpperCase()], `${password}\n`);
    expect({ code: run.code, err: run.err }).toEqual({ code: 0, err: [] });
    expect(run.out.join('\n')).toContain(`Created the administrator account ${email}`);
    expect(run.out.join('\n')).not.toContain(password);

    await withApp(async (t) => {
      const signedIn = await login(t.server, { email, password, mode: 'bearer' });
      expect(signedIn.user).toMatchObject({ emailVerified: true, roles: ['admin'] });
      expect(claimsOf(signedIn.accessToken).roles).toEqual(['admin']);
      const rows = await auditRowsOf(t, signedIn.user.id, ['signup', 'roles_changed']);
      expect(rows).toEqual(
        expect.arrayContaining([
          { type: 'signup', detail: { via: 'cli' }, actorId: 'cli' },
          { type: 'roles_changed', detail: { added: 'admin', via: 'cli' }, actorId: 'cli' },
        ]),
      );
    });

    const again = await adminCreate(['--email', email], 'ignored');
    expect({ code: again.code, stdinRead: again.stdinRead }).toEqual({ code: 0, stdinRead: false });
    expect(again.out.join('\n')).toContain('is an administrator already; nothing changed');
    const granted = await queryTestDatabase<{ n: number }>(db, `SELECT count(*)::int AS n FROM security_events WHERE type = 'roles_changed' AND detail->>'via' = 'cli' AND user_id = (SELECT id FROM users WHERE email = $1)`, [email]);
    expect(granted).toEqual([{ n: 1 }]);
  }, 60_000);

  it('grants the role to an existing account without reading stdin or changing its password', async () => {
    const existing = await withApp((t) => signup(t.server));
    const run = await adminCreate(['--email', existing.email], strongPassword());
    expect({ code: run.code, stdinRead: run.stdinRead }).toEqual({ code: 0, stdinRead: false });
    expect(run.out.join('\n')).toContain('Granted the admin role to the existing account');
    await withApp(async (t) => expect((await login(t.server, { email: existing.email, password: existing.password })).user.roles).toEqual(['admin']));
  }, 60_000);

  it('--link prints a one-time set-password link once; it sets the password, then is spent', async () => {
    const email = uniqueEmail('cli-link');
    const run = await adminCreate(['--email', email, '--link']);
    expect({ code: run.code, stdinRead: run.stdinRead }).toEqual({ code: 0, stdinRead: false });
    const url = run.out.find((line) => line.startsWith('http')) as string;
    expect(url).toMatch(/^http:\/\/localhost:4000\/auth\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
    const token = new URL(url).searchParams.get('token') as string;

    await withApp(async (t) => {
      const password = strongPassword();
      await resetPassword(t.server, token, password).expect(204);
      expectProblem(await resetPassword(t.server, token, strongPassword()), 400, 'invalid_token');
      const { user } = await login(t.server, { email, password });
      expect(user.roles).toEqual(['admin']);
      expect(await auditRowsOf(t, user.id, ['password_reset_link_created'])).toEqual([
        { type: 'password_reset_link_created', detail: { via: 'cli', expires_at: expect.any(String) }, actorId: 'cli' },
      ]);
      expect(JSON.stringify(await dataSource(t).query('SELECT detail FROM security_events'))).not.toContain(token);
    });
  }, 60_000);

  it('refuses a weak password (65), a terminal or empty stdin (64) and a bad address (64), creating nothing', async () => {
    const email = uniqueEmail('cli-refused');
    const weak = await adminCreate(['--email', email], 'password123\n');
    expect(weak.code).toBe(65);
    expect(weak.err.join('\n')).toMatch(/^weak_password: /);
    expect(weak.err.join('\n')).not.toContain('password123');
    expect((await adminCreate(['--email', email], null)).code).toBe(64);
    expect((await adminCreate(['--email', email], '\n')).code).toBe(64);
    expect((await adminCreate(['--email', 'not an address'], strongPassword())).code).toBe(64);
    expect(await queryTestDatabase(db, 'SELECT id FROM users WHERE email = $1', [email])).toEqual([]);
  }, 60_000);

  it('runs as the built process, reading the password from a pipe and keeping it out of every output', () => {
    expect(existsSync(BUILT_CLI) ? 'built' : 'run `npm run build` first').toBe('built');
    const email = uniqueEmail('cli-built');
    const password = strongPassword();
    const run = spawnSync(process.execPath, [BUILT_CLI, 'admin', 'create', '--email', email], { env: { PATH: process.env.PATH, ...env() }, input: `${password}\n`, encoding: 'utf8', timeout: 60_000 });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toContain(`Created the administrator account ${email}`);
    expect(run.stdout + run.stderr).not.toContain(password);
  }, 90_000);
});
