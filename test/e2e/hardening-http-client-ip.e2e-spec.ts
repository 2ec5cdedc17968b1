import { isIP } from 'node:net';
import request from 'supertest';
import { bearer, expectProblem, signup, uniqueEmail } from '../support/auth-factories';
import { attemptLogin, startThrottledApp } from '../support/abuse-helpers';
import type { TestApp } from '../support/test-app';

const WRONG = 'definitely-not-the-password';

async function currentSessionIp(t: TestApp, forwardedFor: string): Promise<string> {
  const { email, password } = await signup(t.server);
  const login = await attemptLogin(t.server, email, password, { 'X-Forwarded-For': forwardedFor, 'X-Auth-Mode': 'bearer' });
  expect(login.status).toBe(200);
  const sessions = await request(t.server).get('/v1/me/sessions').set(bearer(login.body.accessToken)).expect(200);
  return sessions.body.items.find((s: { current: boolean }) => s.current).ip;
}

describe('client addresses behind one trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startThrottledApp({}, { env: { IDENTSPHERE_TRUST_PROXY_HOPS: '1' } })));
  afterAll(() => t.close());

  it('records the socket address when the forwarded address is not an IP', async () => {
    for (const garbage of ['<script>alert(1)</script>', 'unknown', '999.1.1.1', '']) {
      const ip = await currentSessionIp(t, garbage);
      expect({ garbage, family: isIP(ip) }).toEqual({ garbage, family: 4 });
      expect(ip).toBe('127.0.0.1');
    }
  });

  it('never writes what the client sent into the security events', async () => {
    const { email, password } = await signup(t.server);
    const login = await attemptLogin(t.server, email, password, { 'X-Forwarded-For': '"><img src=x>', 'X-Auth-Mode': 'bearer' });
    const events = await request(t.server).get('/v1/me/events').set(bearer(login.body.accessToken)).expect(200);
    const ips = events.body.items.map((e: { ip: string | null }) => e.ip).filter((ip: string | null) => ip !== null);
    expect(ips.length).toBeGreaterThan(0);
    expect(ips.every((ip: string) => isIP(ip) !== 0)).toBe(true);
  });

  it('stores an IPv6 address in its canonical form, and an IPv4-mapped one as IPv4', async () => {
    expect(await currentSessionIp(t, '2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(await currentSessionIp(t, '::ffff:198.51.100.7')).toBe('198.51.100.7');
  });
});

describe('IP throttle for IPv6 clients', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startThrottledApp({ ipMaxAttempts: 2 }, { env: { IDENTSPHERE_TRUST_PROXY_HOPS: '1' } })));
  afterAll(() => t.close());

  const fromAddress = (ip: string) => attemptLogin(t.server, uniqueEmail(), WRONG, { 'X-Forwarded-For': ip });

  it('gives every address of one /64 a single budget', async () => {
    expectProblem(await fromAddress('2001:db8:1:2::1'), 401, 'invalid_credentials');
    expectProblem(await fromAddress('2001:db8:1:2:aaaa:bbbb:cccc:2'), 401, 'invalid_credentials');
    expectProblem(await fromAddress('2001:db8:1:2:ffff::3'), 429, 'rate_limited');
    expectProblem(await fromAddress('2001:db8:1:3::1'), 401, 'invalid_credentials');
  });

  it('counts an IPv4-mapped address as the IPv4 address', async () => {
    expectProblem(await fromAddress('203.0.113.9'), 401, 'invalid_credentials');
    expectProblem(await fromAddress('::ffff:203.0.113.9'), 401, 'invalid_credentials');
    expectProblem(await fromAddress('203.0.113.9'), 429, 'rate_limited');
  });
});
