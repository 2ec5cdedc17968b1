import { existsSync, readFileSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { dirname, resolve } from 'node:path';
import { TransactionHost } from '@identsphere/database';
import { Mailer } from '@identsphere/mail';
import { signup, startAuthApp } from '../support/auth-factories';
import { eventually, forgotPassword, outboxRowsFor, OutboxRow, startMailApp, tokenOf } from '../support/mail-factories';
import { captureOutput } from '../support/output-capture';
import { queryTestDatabase } from '../support/query-test-database';
import { SmtpSink } from '../support/smtp-sink';
import { TestApp } from '../support/test-app';
import { createTestDatabase, describePg } from '../support/test-database';

describe('mail outbox delivery', () => {
  it('retries while the SMTP server is down and delivers once it is back; the HTTP request is not affected', async () => {
    const sink = await SmtpSink.start();
    await sink.stop();
    const t = await startMailApp(sink);
    try {
      const s = await signup(t.server);
      expect(s.res.status).toBe(201);
      const [failed] = await eventually(
        () => outboxRowsFor(t, s.email),
        (rows) => rows.length === 1 && rows[0].attempts >= 1 && rows[0].last_error !== null,
      );
      expect(failed.status).toBe('pending');

      await sink.restart();
      const mail = await sink.waitForMail(s.email, 'verify-email', 0, 30_000);
      expect(tokenOf(mail)).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const [sent] = await eventually(() => outboxRowsFor(t, s.email), (rows) => rows[0]?.status === 'sent');
      expect(sent).toMatchObject({ payload: null, last_error: null });
      expect(sent.attempts).toBeGreaterThanOrEqual(2);
    } finally {
      await t.close();
      await sink.stop();
    }
  });

  it('writes mails as .eml files under the data directory without SMTP, naming the file but never the token in the log', async () => {
    const capture = captureOutput();
    let t: TestApp | undefined;
    try {
      t = await startAuthApp({ env: { IDENTSPHERE_LOG_LEVEL: 'info' } });
      const s = await signup(t.server);
      const [row] = await eventually(() => outboxRowsFor(t!, s.email), (rows) => rows[0]?.status === 'sent');
      const line = await eventually(
        async () => capture.text().split('\n').find((l) => l.includes(`mail written id=${row.id}`)),
        (found) => found !== undefined,
      );
      const logged = capture.text();
      const file = /file=(\S+\.eml)/.exec(line!)?.[1];
      expect(file).toBeDefined();
      expect(dirname(file!)).toBe(resolve(t.config.dataDir, 'mail'));
      expect(existsSync(file!)).toBe(true);
      const eml = readFileSync(file!, 'utf8');
      expect(eml).toMatch(/^Subject: /m);
      const token = /token=([A-Za-z0-9_-]{43})/.exec(eml.replace(/=\r?\n/g, '').replace(/=3D/g, '='))?.[1];
      expect(token).toBeDefined();
      expect(logged).not.toContain(token!);
    } finally {
      capture.restore();
      await t?.close();
    }
  });

  it('queues and sends nothing when mail is disabled, and the flows still answer', async () => {
    const sink = await SmtpSink.start();
    const db = await createTestDatabase();
    try {
      const t = await startMailApp(sink, { db, env: { IDENTSPHERE_MAIL_DISABLED: 'true' } });
      let email = '';
      try {
        email = (await signup(t.server)).email;
        await forgotPassword(t.server, email).expect(202);
      } finally {
        await t.close(); // waits for the reset-link work the forgot request left running after its answer
      }
      expect(await queryTestDatabase(db, 'SELECT id FROM mail_outbox WHERE recipient = $1', [email])).toEqual([]);
      expect(sink.received).toEqual([]);
    } finally {
      await sink.stop();
      await db.drop();
    }
  });

  it('stops its worker on shutdown, handing an interrupted delivery back for another instance', async () => {
    const hung = await hangingSmtpServer();
    const db = await createTestDatabase();
    try {
      const t = await startAuthApp({ db, env: { IDENTSPHERE_SMTP_URL: `smtp://127.0.0.1:${hung.port}` } });
      let email = '';
      try {
        email = (await signup(t.server)).email;
        await eventually(() => outboxRowsFor(t, email), (rows) => rows[0]?.attempts === 1);
        await eventually(async () => hung.connections.length, (n) => n >= 1);
      } finally {
        await t.close();
      }
      const rows = await queryTestDatabase<OutboxRow>(db, 'SELECT * FROM mail_outbox WHERE recipient = $1', [email]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'pending', attempts: 0 });
    } finally {
      await hung.close();
      await db.drop();
    }
  });
});

// Two app instances need two connections to one database; the embedded PGlite is a single session that
// one process owns, so this runs against real PostgreSQL (TEST_DATABASE_URL, as CI sets it).
describePg('needs real PostgreSQL (TEST_DATABASE_URL): mail outbox with two instances on one database', () => {
  it('delivers each of 50 mails exactly once', async () => {
    const sink = await SmtpSink.start();
    const db = await createTestDatabase();
    const apps = [await startMailApp(sink, { db }), await startMailApp(sink, { db })];
    const [a] = apps;
    try {
      const recipients = Array.from({ length: 50 }, (_, i) => `bulk-${i}-${db.url!.slice(-12)}@example.com`);
      // One transaction: all 50 become due at the same instant, so both workers compete for them.
      await a.app.get(TransactionHost).run(async () => {
        for (const to of recipients) await a.app.get(Mailer).enqueue({ kind: 'password-changed', to });
      });
      await sink.waitFor(() => sink.received.length >= 50, 30_000);
      const sent = (rows: Array<{ status: string; n: number }>) => rows.length === 1 && rows[0].status === 'sent' && rows[0].n === 50;
      await eventually(() => a.app.get(TransactionHost).manager.query(`SELECT status, count(*)::int AS n FROM mail_outbox GROUP BY status`), sent);
      // A duplicate could only come from a delivery still running in a worker; stopping both waits for those.
      await Promise.all(apps.splice(0).map((app) => app.close()));

      expect(sink.received).toHaveLength(50);
      expect(new Set(sink.received.map((m) => m.messageId)).size).toBe(50);
      expect(new Set(sink.received.flatMap((m) => m.envelopeTo))).toEqual(new Set(recipients));
    } finally {
      await Promise.all(apps.map((app) => app.close()));
      await sink.stop();
      await db.drop();
    }
  });
});

/** An "SMTP server" that accepts connections and never greets: a delivery to it hangs until its timeout. */
async function hangingSmtpServer(): Promise<{ port: number; connections: Socket[]; close(): Promise<void> }> {
  const connections: Socket[] = [];
  const server: Server = createServer((socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    connections,
    close: () => {
      for (const socket of connections) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
