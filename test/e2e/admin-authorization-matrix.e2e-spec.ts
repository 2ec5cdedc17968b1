import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { grantRoles, signedInAdmin, staleAdminToken } from '../support/admin-factories';
import { bearer, login, signup, startAuthApp } from '../support/auth-factories';
import { pinTotpClock } from '../support/mfa-factories';
import { clientToken, createClient } from '../support/oauth-factories';
import type { TestApp } from '../support/test-app';

/**
 * Every admin route × every kind of caller, with the answer each must get. The routes come from the running
 * app's router (everything under /v1/admin), so a new admin route is in this matrix the day it is added, and
 * one that forgot @AdminOnly() fails it.
 */

interface Route {
  readonly method: string;
  readonly path: string;
}

/** What the auth layer must answer: a refusal with this status and code, or 'admitted' (the handler ran). */
type Expected = { status: 401 | 403; code: string } | 'admitted';

interface Caller {
  readonly name: string;
  readonly token: () => string | null;
  readonly expect: (route: Route) => Expected;
}

const isWrite = (route: Route) => route.method !== 'GET';
const refused = (status: 401 | 403, code: string): Expected => ({ status, code });

/** The admin routes the app serves, from Express's own route table (Nest registers every handler there). */
function adminRoutesOf(t: TestApp): Route[] {
  const router = t.app.getHttpAdapter().getInstance().router as { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
  return router.stack
    .flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((method) => ({ method: method.toUpperCase(), path: layer.route!.path })) : []))
    .filter((route) => route.path.startsWith('/v1/admin/') || route.path === '/v1/admin');
}

/** A concrete URL: path parameters become ids that name nothing, so an admitted write changes nothing. */
function urlOf(route: Route): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => (name === 'id' && route.path.startsWith('/v1/admin/clients') ? 'isc_doesnotexist0000000000' : randomUUID()));
}

function call(t: TestApp, route: Route, token: string | null): request.Test {
  const req = request(t.server)[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch'](urlOf(route));
  if (token) req.set(bearer(token));
  return isWrite(route) ? req.send({}) : req;
}

function verdictOf(res: request.Response): Expected {
  return res.status === 401 || res.status === 403 ? refused(res.status, res.body?.code) : 'admitted';
}

describe('admin API authorization matrix', () => {
  let t: TestApp;
  let routes: Route[];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startAuthApp();
    routes = adminRoutesOf(t);
    const clock = pinTotpClock(t);
    const admin = await signedInAdmin(t, clock);
    tokens.admin = admin.accessToken;
    tokens.staleAdmin = await staleAdminToken(t, admin);
    tokens.user = (await signup(t.server, { mode: 'bearer' })).accessToken;
    const factorless = await signup(t.server, { mode: 'bearer' });
    await grantRoles(t, factorless.user.id, ['admin']);
    tokens.factorlessAdmin = (await login(t.server, { email: factorless.email, password: factorless.password, mode: 'bearer' })).accessToken;
    tokens.clientWithoutScope = await clientToken(t.server, await createClient(t, ['introspect']));
    tokens.clientWithScope = await clientToken(t.server, await createClient(t, ['admin']));
    jest.restoreAllMocks();
  });
  afterAll(() => t?.close());

  const callers: Caller[] = [
    { name: 'no token', token: () => null, expect: () => refused(401, 'unauthorized') },
    { name: 'a user without the admin role', token: () => tokens.user, expect: () => refused(403, 'forbidden') },
    { name: 'an admin without a recent MFA step-up', token: () => tokens.staleAdmin, expect: (r) => (isWrite(r) ? refused(403, 'step_up_required') : 'admitted') },
    { name: 'an admin without any second factor', token: () => tokens.factorlessAdmin, expect: (r) => (isWrite(r) ? refused(403, 'mfa_enrollment_required') : 'admitted') },
    { name: 'an admin who stepped up with MFA just now', token: () => tokens.admin, expect: () => 'admitted' },
    { name: 'a machine client without the admin scope', token: () => tokens.clientWithoutScope, expect: () => refused(403, 'forbidden') },
    { name: 'a machine client with the admin scope', token: () => tokens.clientWithScope, expect: () => 'admitted' },
  ];

  it('finds the admin routes of every admin area (users, events, support actions, clients, webhooks)', () => {
    const paths = routes.map((r) => r.path);
    for (const area of ['/v1/admin/users', '/v1/admin/events', '/v1/admin/users/:id/reset-mfa', '/v1/admin/clients', '/v1/admin/webhooks']) expect(paths).toContain(area);
    expect(routes.filter(isWrite).length).toBeGreaterThan(10);
  });

  it.each(callers.map((caller) => [caller.name, caller] as const))('answers %s as the matrix says, on every admin route', async (_, caller) => {
    const wrong: string[] = [];
    for (const route of routes) {
      const expected = caller.expect(route);
      const actual = verdictOf(await call(t, route, caller.token()));
      if (JSON.stringify(actual) !== JSON.stringify(expected)) wrong.push(`${route.method} ${route.path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
    expect(wrong).toEqual([]);
  });
});
