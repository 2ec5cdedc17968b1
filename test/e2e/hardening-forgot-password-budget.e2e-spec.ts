import request from 'supertest';
import { MAIL_IP_LIMIT, MAIL_RECIPIENT_LIMIT } from '@identsphere/auth';
import { expectProblem, signup } from '../support/auth-factories';
import { LogCapture } from '../support/log-capture';
import { eventually, outboxRowsFor, startMailApp } from '../support/mail-factories';
import { parsePrometheusText, valueOf } from '../support/prometheus-text';
import { SmtpSink } from '../support/smtp-sink';
import { TestApp } from '../support/test-app';

/** Nobody may block another person's password recovery by spending the per-address mail budget first. */
describe('forgot-password when the per-address mail budget is spent', () => {
  let sink: SmtpSink;
  let t: TestApp;
  const logs = new LogCapture();
  // One trusted proxy hop: every request speaks from its own client address, as a spread-out attacker would.
  let nextIp = 1;
  const fromNewIp = () => ({ 'X-Forwarded-For': `203.0.113.${nextIp++}` });

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startMailApp(sink, { env: { IDENTSPHERE_TRUST_PROXY_HOPS: '1', IDENTSPHERE_LOG_LEVEL: 'info' }, logDestination: logs });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  const forgot = (email: string, headers: Record<string, string>) => request(t.server).post('/v1/auth/password/forgot').set(headers).send({ email });
  const droppedCount = async () => {
    const exposition = parsePrometheusText((await request(t.server).get('/metrics').expect(200)).text);
    return valueOf(exposition, 'identsphere_mail_dropped_total', { reason: 'recipient_budget' });
  };

  it('answers 202 from every client and mails only the budgeted number of links', async () => {
    const { email } = await signup(t.server);
    const extra = 3;
    for (let i = 0; i < MAIL_RECIPIENT_LIMIT.max + extra; i++) await forgot(email, fromNewIp()).expect(202);

    const rows = await eventually(() => outboxRowsFor(t, email), (r) => r.filter((m) => m.kind === 'reset-password').length >= MAIL_RECIPIENT_LIMIT.max);
    expect(rows.filter((m) => m.kind === 'reset-password')).toHaveLength(MAIL_RECIPIENT_LIMIT.max);
    expect(await droppedCount()).toBe(extra);
    expect(logs.lines().some((line) => String(line.msg).includes('recipient budget spent'))).toBe(true);
    expect(logs.raw).not.toContain(email);
  });

  it('still answers 429 rate_limited to one client that exceeds its own budget', async () => {
    const headers = fromNewIp();
    const { email } = await signup(t.server);
    for (let i = 0; i < MAIL_IP_LIMIT.max; i++) await forgot(email, headers).expect(202);
    const refused = await forgot(email, headers);
    expectProblem(refused, 429, 'rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
