import request from 'supertest';
import { MAIL_IP_LIMIT, MAIL_RECIPIENT_LIMIT } from '@identsphere/auth';
import { bearer, expectProblem, signup, uniqueEmail } from '../support/auth-factories';
import { startMailApp } from '../support/mail-factories';
import { SmtpSink } from '../support/smtp-sink';
import { TestApp } from '../support/test-app';

const PER_RECIPIENT = MAIL_RECIPIENT_LIMIT.max;
const PER_IP = MAIL_IP_LIMIT.max;

describe('throttles on mail-sending endpoints', () => {
  let sink: SmtpSink;
  let t: TestApp;
  // One trusted proxy hop: each test speaks from its own client address, so the per-IP counts of
  // different tests do not add up.
  let nextIp = 1;
  const fromNewIp = () => ({ 'X-Forwarded-For': `198.51.100.${nextIp++}` });

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startMailApp(sink, { env: { IDENTSPHERE_TRUST_PROXY_HOPS: '1' } });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  const forgot = (email: string, headers: Record<string, string>) => request(t.server).post('/v1/auth/password/forgot').set(headers).send({ email });

  it('answers forgot-password beyond the per-address budget with the same 202, identically for an address without an account', async () => {
    const known = (await signup(t.server)).email;
    const unknown = uniqueEmail('ghost');
    const headers = fromNewIp();
    for (let i = 0; i < PER_RECIPIENT; i++) {
      await forgot(known, headers).expect(202);
      await forgot(unknown, headers).expect(202);
    }
    // The budget is spent: the mail is dropped, but the answer must neither block the owner nor reveal the account.
    const forKnown = await forgot(known, headers);
    const forUnknown = await forgot(unknown, headers);
    expect([forKnown.status, forUnknown.status]).toEqual([202, 202]);
    expect(forUnknown.text).toBe(forKnown.text);
  });

  it('limits mail requests per client IP across addresses', async () => {
    const headers = fromNewIp();
    for (let i = 0; i < PER_IP; i++) await forgot(uniqueEmail('spray'), headers).expect(202);
    const refused = await forgot(uniqueEmail('spray'), headers);
    expectProblem(refused, 429, 'rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await forgot(uniqueEmail('spray'), fromNewIp()).expect(202);
  });

  it('limits verification-mail requests per address', async () => {
    const s = await signup(t.server);
    const headers = fromNewIp();
    for (let i = 0; i < PER_RECIPIENT; i++) await request(t.server).post('/v1/auth/email/verify/request').set(bearer(s.accessToken)).set(headers).expect(202);
    expectProblem(await request(t.server).post('/v1/auth/email/verify/request').set(bearer(s.accessToken)).set(headers), 429, 'rate_limited');
  });

  it('limits email-change requests per new address', async () => {
    const s = await signup(t.server);
    const target = uniqueEmail('target');
    const headers = fromNewIp();
    const change = () => request(t.server).post('/v1/me/email').set(bearer(s.accessToken)).set(headers).send({ newEmail: target, password: s.password });
    for (let i = 0; i < PER_RECIPIENT; i++) await change().expect(202);
    expectProblem(await change(), 429, 'rate_limited');
  });
});
