import request from 'supertest';
import { bearer, expectProblem, signup } from '../support/auth-factories';
import { attemptLogin, startThrottledApp } from '../support/abuse-helpers';
import type { TestApp } from '../support/test-app';

describe('GET /v1/me/events', () => {
  let t: TestApp;
  let owner: Awaited<ReturnType<typeof signup>>;
  const TOTAL = 26; // signup + 25 failed logins
  beforeAll(async () => {
    t = await startThrottledApp({});
    owner = await signup(t.server);
    for (let i = 0; i < TOTAL - 1; i++) await attemptLogin(t.server, owner.email, 'not-the-password-at-all');
  });
  afterAll(() => t.close());

  const list = (query = '', token = owner.accessToken) => request(t.server).get(`/v1/me/events${query}`).set(bearer(token));

  it('answers 20 events, newest first, with a cursor to the older ones', async () => {
    const res = await list().expect(200);
    expect(res.body.items).toHaveLength(20);
    expect(typeof res.body.nextCursor).toBe('string');
    const times = res.body.items.map((e: any) => Date.parse(e.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('pages through every event exactly once, ending with the signup and a null cursor', async () => {
    const seen: any[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await list(`?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).expect(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(TOTAL);
    expect(new Set(seen.map((e) => e.id)).size).toBe(TOTAL);
    expect(seen[TOTAL - 1].type).toBe('signup');
    expect(seen.slice(0, TOTAL - 1).every((e) => e.type === 'login_failed')).toBe(true);
  });

  it('accepts a limit of 100 and answers a null cursor when everything fits', async () => {
    const res = await list('?limit=100').expect(200);
    expect(res.body.items).toHaveLength(TOTAL);
    expect(res.body.nextCursor).toBeNull();
  });

  it.each(['?limit=101', '?limit=0', '?limit=-1', '?limit=abc', '?limit=1.5', '?limit=', '?cursor=not-a-cursor', '?cursor=', '?cursor=%E2%98%83', '?page=2'])(
    'answers 400 validation_failed for %s',
    async (query) => {
      expectProblem(await list(query), 400, 'validation_failed');
    },
  );

  it('shows a user only their own events', async () => {
    const other = await signup(t.server);
    const res = await list('?limit=100', other.accessToken).expect(200);
    expect(res.body.items.map((e: any) => e.type)).toEqual(['signup']);
    expect(res.body.items[0].sessionId).toBe(other.sessionId);
  });

  it('requires an access token', async () => {
    expectProblem(await request(t.server).get('/v1/me/events'), 401, 'unauthorized');
  });
});

describe('OpenAPI for events and throttles', () => {
  let t: TestApp;
  let doc: any;
  beforeAll(async () => {
    t = await startThrottledApp({});
    doc = (await request(t.server).get('/openapi.json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('documents listMyEvents with its query, response and errors', () => {
    const op = doc.paths['/v1/me/events']?.get;
    expect(op.operationId).toBe('listMyEvents');
    expect(op.parameters.map((p: any) => [p.name, p.in]).sort()).toEqual([
      ['cursor', 'query'],
      ['limit', 'query'],
    ]);
    expect(Object.keys(op.responses).sort()).toEqual(expect.arrayContaining(['200', '400', '401']));
    const schema = doc.components.schemas.SecurityEvent;
    expect(Object.keys(schema.properties).sort()).toEqual(['actor', 'createdAt', 'id', 'ip', 'sessionId', 'type', 'userAgent']);
  });

  it('documents 429 rate_limited with Retry-After on login and signup', () => {
    for (const path of ['/v1/auth/login', '/v1/auth/signup']) {
      const tooMany = doc.paths[path].post.responses['429'];
      expect(tooMany.description).toMatch(/rate_limited/);
      expect(tooMany.headers['Retry-After']).toBeDefined();
    }
  });
});
