import request, { Response } from 'supertest';
import { HashGate, PasswordHasher } from '@identsphere/crypto';
import { TestApp } from '../support/test-app';
import { expectProblem, signup, startAuthApp, strongPassword, uniqueEmail, withoutRequestId } from '../support/auth-factories';

/**
 * While the password-hash gate is full, a login is refused at the HTTP edge, before its body is read: the
 * same 503 `overloaded` problem the flow gives, for a fraction of the CPU (its cost is measured by
 * test/bench/refusal-cost.ts, not here: tests assert no timings). The first refusal without an Origin is
 * answered by the Express middleware, later ones in front of Express with its remembered headers: both compared.
 */
describe('early refusal of logins while the hash gate is full', () => {
  let t: TestApp;
  let release: () => void = () => undefined;
  beforeAll(async () => (t = await startAuthApp({ env: { IDENTSPHERE_HASH_CONCURRENCY: '1', IDENTSPHERE_HASH_QUEUE_MAX: '0' } })));
  afterAll(async () => {
    release();
    await t.close();
  });

  /** Holds the gate's only slot until released: the state a storm keeps the gate in. */
  const fillGate = () => {
    const gate = (t.app.get(PasswordHasher) as unknown as { gate: HashGate }).gate;
    void gate.run(() => new Promise<void>((resolve) => (release = resolve)));
  };
  const headersOf = (res: Response) => {
    const { date: _d, etag: _e, 'x-request-id': _r, 'content-length': _l, connection: _c, 'keep-alive': _k, ...rest } = res.headers;
    return rest;
  };

  it('answers a malformed JSON body with 503 overloaded, not 400: the body is never parsed', async () => {
    fillGate();
    try {
      const res = await request(t.server).post('/v1/auth/login').set('Content-Type', 'application/json').send('{"email": ');
      expectProblem(res, 503, 'overloaded');
      expect(res.headers['retry-after']).toBe('1');
      expect(res.headers['x-request-id']).toBe(res.body.requestId);
    } finally {
      release();
    }
  });

  it('answers exactly as the flow refuses a password check (signup, refused later, is the reference)', async () => {
    const s = await signup(t.server);
    fillGate();
    try {
      const early = await request(t.server).post('/v1/auth/login').send({ email: s.email, password: s.password });
      const flow = await request(t.server).post('/v1/auth/signup').send({ email: uniqueEmail(), password: strongPassword() });
      expectProblem(early, 503, 'overloaded');
      expectProblem(flow, 503, 'overloaded');
      expect(withoutRequestId(early.body)).toEqual(withoutRequestId(flow.body));
      expect(early.headers['x-request-id']).toBe(early.body.requestId);
      expect(headersOf(early)).toEqual(headersOf(flow));
    } finally {
      release();
    }
  });

  it('refuses a browser request (with an Origin) the same way, its CORS answer included', async () => {
    fillGate();
    try {
      const origin = 'https://elsewhere.example';
      const early = await request(t.server).post('/v1/auth/login').set('Origin', origin).set('Content-Type', 'application/json').send('{"email": ');
      const flow = await request(t.server).post('/v1/auth/signup').set('Origin', origin).send({ email: uniqueEmail(), password: strongPassword() });
      expectProblem(early, 503, 'overloaded');
      expect(headersOf(early)).toEqual(headersOf(flow));
    } finally {
      release();
    }
  });

  it('lets logins through again once the gate has room: a malformed body is a 400, a good one signs in', async () => {
    const s = await signup(t.server);
    const malformed = await request(t.server).post('/v1/auth/login').set('Content-Type', 'application/json').send('{"email": ');
    expectProblem(malformed, 400, 'malformed_json');
    const res = await request(t.server).post('/v1/auth/login').send({ email: s.email, password: s.password });
    expect(res.status).toBe(200);
  });
});
