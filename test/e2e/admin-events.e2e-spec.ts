import { asAdmin, everyPage, useAdminApp } from '../support/admin-factories';
import { dataSource, expectProblem, signup } from '../support/auth-factories';
import { openApiDocumentFor } from '../support/openapi-document';

const EVENTS = '/v1/admin/events';

describe('GET /v1/admin/events', () => {
  const app = useAdminApp();

  const list = (query: string) => asAdmin(app.t.server, app.admin.accessToken).get(`${EVENTS}${query}`);
  const typesOf = async (query: string) => (await list(query).expect(200)).body.items.map((e: any) => e.type);

  it("shows any user's events newest first, with the actor and the detail of an admin's action", async () => {
    const target = await signup(app.t.server, { mode: 'bearer' });
    await asAdmin(app.t.server, app.admin.accessToken).post(`/v1/admin/users/${target.user.id}/disable`, { reason: 'offboarding' }).expect(200);
    const res = await list(`?userId=${target.user.id}`).expect(200);
    expect(res.body.items.map((e: any) => e.type)).toEqual(['account_disabled', 'signup']);
    expect(res.body.items[0]).toEqual({
      id: expect.any(String),
      type: 'account_disabled',
      createdAt: expect.any(String),
      userId: target.user.id,
      actorId: app.admin.userId,
      sessionId: null,
      ip: expect.any(String),
      userAgent: null,
      detail: { reason: 'offboarding', sessions_revoked: '1' },
    });
    expect(res.body.items[1]).toMatchObject({ actorId: null, userId: target.user.id });
    expect(res.body.nextCursor).toBeNull();
  });

  it('filters by type, by actor and by time range', async () => {
    const target = await signup(app.t.server, { mode: 'bearer' });
    await asAdmin(app.t.server, app.admin.accessToken).post(`/v1/admin/users/${target.user.id}/sessions/revoke`).expect(200);
    expect(await typesOf(`?userId=${target.user.id}&type=signup`)).toEqual(['signup']);
    expect(await typesOf(`?actorId=${app.admin.userId}`)).toEqual(['sessions_revoked_by_admin']);

    await dataSource(app.t).query(`UPDATE security_events SET created_at = '2026-01-10T12:00:00Z' WHERE user_id = $1 AND type = 'signup'`, [target.user.id]);
    const inJanuary = `&since=2026-01-10T00:00:00.000Z&until=2026-01-11T00:00:00.000Z`;
    expect(await typesOf(`?userId=${target.user.id}${inJanuary}`)).toEqual(['signup']);
    expect(await typesOf(`?userId=${target.user.id}&since=2026-01-10T12:00:00.000Z&until=2026-01-10T12:00:00.000Z`)).toEqual([]);
    expect(await typesOf(`?userId=${target.user.id}&since=2026-01-11T00:00:00.000Z`)).toEqual(['sessions_revoked_by_admin']);
  });

  it('pages through events across users exactly once', async () => {
    const users = [await signup(app.t.server), await signup(app.t.server), await signup(app.t.server)];
    const ids = new Set(users.map((u) => u.user.id));
    const seen = (await everyPage((cursor) => list(`?type=signup&limit=2${cursor}`))).filter((e) => ids.has(e.userId)).map((e) => e.id);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
  });

  it.each(['?userId=not-a-uuid', '?type=nonsense', '?since=yesterday', '?until=2026-13-01T00:00:00Z', '?cursor=nonsense', '?limit=101', '?limit=0', `?actorId=${'a'.repeat(129)}`, '?other=1'])(
    'answers 400 validation_failed for %s',
    async (query) => {
      expectProblem(await list(query), 400, 'validation_failed');
    },
  );

  it('refuses a user without the admin role', async () => {
    const user = await signup(app.t.server, { mode: 'bearer' });
    expectProblem(await asAdmin(app.t.server, user.accessToken).get(EVENTS), 403, 'forbidden');
  });
});

describe('OpenAPI for the admin API', () => {
  let doc: any;
  beforeAll(async () => {
    doc = await openApiDocumentFor({});
  });

  const adminOperations = () =>
    Object.entries(doc.paths as Record<string, any>)
      .filter(([path]) => path.startsWith('/v1/admin/users') || path.startsWith('/v1/admin/events'))
      .flatMap(([path, item]) => Object.entries(item as Record<string, any>).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })));

  it('documents every users and events operation with the admin tag, admin users and admin clients, and 403 forbidden', () => {
    const ops = adminOperations();
    expect(ops.length).toBeGreaterThanOrEqual(8);
    for (const { route, op } of ops) {
      expect({ route, tags: op.tags }).toEqual({ route, tags: ['admin'] });
      expect({ route, security: op.security }).toEqual({ route, security: [{ accessToken: [] }, { oauth2: ['admin'] }] });
      expect({ route, forbidden: Object.keys(op.responses['403'].content['application/problem+json'].examples) }).toEqual({ route, forbidden: expect.arrayContaining(['forbidden']) });
    }
  });

  it('lists step_up_required on the writes only', () => {
    for (const { route, op } of adminOperations()) {
      const codes = Object.keys(op.responses['403'].content['application/problem+json'].examples);
      expect({ route, stepUp: codes.includes('step_up_required') }).toEqual({ route, stepUp: !route.startsWith('GET') });
    }
  });
});
