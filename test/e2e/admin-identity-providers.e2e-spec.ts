import { loadConfig } from '@identsphere/config';
import { IdentityProviders } from '@identsphere/identities';
import { createApp } from '../../apps/identsphere/src/create-app';
import { asAdmin, signedInAdmin, useAdminApp } from '../support/admin-factories';
import { dataSource, expectProblem, withAuthApp } from '../support/auth-factories';
import { createIdentityProvider, providerBody, uniqueDomain } from '../support/identity-provider-factories';
import { metricSample } from '../support/metrics-sample';
import { pinTotpClock } from '../support/mfa-factories';
import { TEST_JWT_SECRET, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const BASE = '/v1/admin/identity-providers';

describe('identity providers admin API', () => {
  const a = useAdminApp();
  const api = () => asAdmin(a.t.server, a.admin.accessToken);
  const create = async (overrides: Record<string, unknown> = {}) => {
    const body = providerBody(overrides);
    const res = await createIdentityProvider(a.t.server, a.admin.accessToken, body).expect(201);
    return { body, created: res.body };
  };
  const secretOf = (id: string) => a.t.app.get(IdentityProviders).clientSecret(id);
  const auditOf = async (providerId: string) =>
    dataSource(a.t).query(`SELECT type, user_id, actor_id, detail FROM security_events WHERE detail->>'provider_id' = $1 ORDER BY created_at, id`, [providerId]);

  it('creates a provider with defaults and the redirect URI to register, and lists, reads, replaces and deletes it', async () => {
    const domain = uniqueDomain();
    const { body, created } = await create({ domains: [domain.toUpperCase(), domain] });
    expect(created).toEqual({
      id: body.id,
      name: 'Acme (Entra ID)',
      issuer: body.issuer,
      clientId: body.clientId,
      authMethod: 'client_secret_basic',
      hasClientSecret: true,
      scopes: ['openid', 'email', 'profile'],
      domains: [domain],
      enforceSso: false,
      claims: { email: 'email', name: 'name', groups: null },
      roleMapping: {},
      managedBy: 'api',
      redirectUri: 'http://localhost:4000/v1/auth/sso/callback',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await api().get(`${BASE}/${body.id}`).expect(200)).body).toEqual(created);
    expect((await api().get(BASE).expect(200)).body.items).toContainEqual(created);

    const changes = { name: 'Acme SSO', issuer: 'http://127.0.0.1:9/issuer', clientId: 'client-2', domains: [], enforceSso: true, claims: { groups: 'groups' }, roleMapping: { admins: ['admin', 'admin'] } };
    const replaced = await api().put(`${BASE}/${body.id}`, changes).expect(200);
    expect(replaced.body).toMatchObject({ ...changes, claims: { email: 'email', name: 'name', groups: 'groups' }, roleMapping: { admins: ['admin'] }, createdAt: created.createdAt });

    await api().delete(`${BASE}/${body.id}`).expect(204);
    expectProblem(await api().get(`${BASE}/${body.id}`), 404, 'not_found');
    expectProblem(await api().delete(`${BASE}/${body.id}`), 404, 'not_found');
    expectProblem(await api().put(`${BASE}/${body.id}`, changes), 404, 'not_found');
    expectProblem(await api().get(`${BASE}/Not_An_Id!`), 404, 'not_found');
  });

  it('never answers the client secret, keeps it sealed in the table, and keeps it on a PUT without one', async () => {
    const { body } = await create();
    const answers = [await api().get(`${BASE}/${body.id}`), await api().get(BASE)];
    const { clientSecret: _dropped, id: _id, ...rest } = body;
    answers.push(await api().put(`${BASE}/${body.id}`, { ...rest, name: 'Renamed' }).expect(200));
    for (const res of answers) expect(JSON.stringify(res.body)).not.toContain(body.clientSecret);
    const [row] = await dataSource(a.t).query(`SELECT client_secret_sealed FROM identity_providers WHERE id = $1`, [body.id]);
    expect(row.client_secret_sealed).toMatch(/^v1\./);
    expect(row.client_secret_sealed).not.toContain(body.clientSecret);
    expect(await secretOf(body.id)).toBe(body.clientSecret);

    await api().put(`${BASE}/${body.id}`, { ...rest, clientSecret: 'rotated-secret-value' }).expect(200);
    expect(await secretOf(body.id)).toBe('rotated-secret-value');
  });

  it.each([
    ['an id with capitals', { id: 'Acme' }],
    ['an issuer that is no URL', { issuer: 'login.example.com' }],
    ['an ftp issuer', { issuer: 'ftp://login.example.com' }],
    ['an http issuer on a network host', { issuer: 'http://login.example.com' }],
    ['an http issuer on a private address', { issuer: 'http://10.0.0.5/issuer' }],
    ['an issuer with a query', { issuer: 'https://login.example.com/?tenant=1' }],
    ['an issuer with credentials', { issuer: 'https://user:pw@login.example.com' }],
    ['scopes without openid', { scopes: ['email', 'profile'] }],
    ['a scope with a space', { scopes: ['openid', 'read write'] }],
    ['a domain that is no domain', { domains: ['acme'] }],
    ['a domain with an @', { domains: ['user@acme.com'] }],
    ['a role that breaks the role rule', { roleMapping: { admins: ['Admin!'] } }],
    ['a role mapping that is no object', { roleMapping: ['admin'] }],
    ['no client secret', { clientSecret: undefined }],
    ['private_key_jwt with a client secret', { authMethod: 'private_key_jwt' }],
    ['an unknown property', { tenant: 'acme' }],
    ['a claim mapping with an unknown claim key', { claims: { role: 'roles' } }],
  ])('refuses %s with validation_failed, echoing no secret', async (_what, overrides) => {
    const body = providerBody(overrides);
    const res = await createIdentityProvider(a.t.server, a.admin.accessToken, body);
    expectProblem(res, 400, 'validation_failed');
    if (body.clientSecret) expect(JSON.stringify(res.body)).not.toContain(body.clientSecret);
    expectProblem(await api().get(`${BASE}/${body.id}`), 404, 'not_found');
  });

  it('takes private_key_jwt without a secret, drops a stored secret on a switch to it, and wants one on a switch back', async () => {
    const { body } = await create();
    const { clientSecret: _dropped, id: _id, ...rest } = body;
    const switched = await api().put(`${BASE}/${body.id}`, { ...rest, authMethod: 'private_key_jwt' }).expect(200);
    expect(switched.body).toMatchObject({ authMethod: 'private_key_jwt', hasClientSecret: false });
    expect(await secretOf(body.id)).toBeNull();

    expectProblem(await api().put(`${BASE}/${body.id}`, { ...rest, authMethod: 'client_secret_post' }), 400, 'validation_failed');
    await api().put(`${BASE}/${body.id}`, { ...rest, authMethod: 'client_secret_post', clientSecret: 'new-secret-value' }).expect(200);
    expect(await secretOf(body.id)).toBe('new-secret-value');

    const fresh = providerBody({ authMethod: 'private_key_jwt', clientSecret: undefined });
    const created = await createIdentityProvider(a.t.server, a.admin.accessToken, fresh).expect(201);
    expect(created.body).toMatchObject({ authMethod: 'private_key_jwt', hasClientSecret: false });
  });

  it('refuses a second provider with the same id (409 identity_provider_exists)', async () => {
    const { body } = await create();
    expectProblem(await createIdentityProvider(a.t.server, a.admin.accessToken, providerBody({ id: body.id })), 409, 'identity_provider_exists');
  });

  it('gives a domain to one provider only, whatever its case, on create and on replace (409 domain_taken)', async () => {
    const owned = uniqueDomain();
    const { body: owner } = await create({ domains: [owned] });
    const fresh = uniqueDomain();
    const taken = await createIdentityProvider(a.t.server, a.admin.accessToken, providerBody({ domains: [fresh, owned.toUpperCase()] }));
    expectProblem(taken, 409, 'domain_taken');

    const { body: other, created } = await create({ domains: [fresh] });
    const { id: _id, clientSecret: _s, ...rest } = other;
    expectProblem(await api().put(`${BASE}/${other.id}`, { ...rest, domains: [fresh, owned] }), 409, 'domain_taken');
    expect((await api().get(`${BASE}/${other.id}`).expect(200)).body.domains).toEqual(created.domains);
    expect((await api().get(`${BASE}/${owner.id}`).expect(200)).body.domains).toEqual([owned]);
  });

  it('records each change as a security event with the acting admin and no user, never the secret; a refused change records nothing', async () => {
    const { body } = await create({ domains: [uniqueDomain()] });
    const { id: _id, clientSecret: _s, ...rest } = body;
    await api().put(`${BASE}/${body.id}`, { ...rest, enforceSso: true }).expect(200);
    await api().put(`${BASE}/${body.id}`, { ...rest, issuer: 'ftp://nope' }).expect(400);
    await api().delete(`${BASE}/${body.id}`).expect(204);

    const rows = await auditOf(body.id);
    expect(rows.map((r: { type: string; user_id: string | null; actor_id: string }) => [r.type, r.user_id, r.actor_id])).toEqual([
      ['identity_provider_created', null, a.admin.userId],
      ['identity_provider_updated', null, a.admin.userId],
      ['identity_provider_deleted', null, a.admin.userId],
    ]);
    expect(rows[0].detail).toEqual({ provider_id: body.id, domains: body.domains[0], enforce_sso: 'false', client_auth_changed: 'true' });
    expect(rows[1].detail).toMatchObject({ enforce_sso: 'true', client_auth_changed: 'false' });
    expect(JSON.stringify(rows)).not.toContain(body.clientSecret);
    const events = await api().get('/v1/admin/events?type=identity_provider_created').expect(200);
    expect(events.body.items.map((e: { detail: { provider_id: string } }) => e.detail.provider_id)).toContain(body.id);
  });

  it('counts committed changes in identsphere_identity_provider_changes_total, not refused ones', async () => {
    const before = await metricSample(a.t.server, 'identsphere_identity_provider_changes_total', { action: 'create' });
    await create();
    await createIdentityProvider(a.t.server, a.admin.accessToken, providerBody({ scopes: ['email'] })).expect(400);
    expect(await metricSample(a.t.server, 'identsphere_identity_provider_changes_total', { action: 'create' })).toBe(before + 1);
  });

  it('deletes the provider\'s domains and linked identities with it, but not the accounts', async () => {
    const domain = uniqueDomain();
    const { body } = await create({ domains: [domain] });
    await dataSource(a.t).query(`INSERT INTO user_identities (id, user_id, provider_id, subject, email) VALUES (gen_random_uuid(), $1, $2, 'sub-1', $3)`, [a.admin.userId, body.id, `x@${domain}`]);
    await api().delete(`${BASE}/${body.id}`).expect(204);
    expect(await dataSource(a.t).query(`SELECT 1 FROM user_identities WHERE provider_id = $1`, [body.id])).toEqual([]);
    expect(await a.t.app.get(IdentityProviders).forDomain(domain)).toBeNull();
    await api().get('/v1/me').expect(200);
  });
});

describe('IDENTSPHERE_OIDC_PROVIDERS (providers managed by the environment)', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(() => db.drop());

  const envProvider = (id: string, overrides: Record<string, unknown> = {}) => ({
    id,
    name: `Env ${id}`,
    issuer: 'https://accounts.example.com',
    clientId: `client-${id}`,
    clientSecret: `env-secret-${id}`,
    domains: [uniqueDomain()],
    scopes: ['openid', 'email'],
    ...overrides,
  });
  const bootWith = (providers: object[], fn: (t: TestApp) => Promise<void>) => withAuthApp({ db, env: { IDENTSPHERE_OIDC_PROVIDERS: JSON.stringify(providers) } }, fn);

  it('seeds the listed providers at boot as read-only through the API, updates them at the next boot and removes those no longer listed', async () => {
    const [kept, dropped] = [envProvider('env-kept'), envProvider('env-dropped', { enforceSso: true, roleMapping: { staff: ['support'] } })];
    let apiManaged = '';
    await bootWith([kept, dropped], async (t) => {
      const admin = await signedInAdmin(t, pinTotpClock(t));
      const api = asAdmin(t.server, admin.accessToken);
      const listed = (await api.get(BASE).expect(200)).body.items;
      expect(listed.find((p: { id: string }) => p.id === dropped.id)).toMatchObject({ managedBy: 'env', enforceSso: true, roleMapping: { staff: ['support'] }, scopes: ['openid', 'email'], hasClientSecret: true });
      expect(JSON.stringify(listed)).not.toContain(kept.clientSecret);
      expect(await t.app.get(IdentityProviders).clientSecret(kept.id)).toBe(kept.clientSecret);
      const { id: _id, clientSecret: _s, ...rest } = kept;
      expectProblem(await api.put(`${BASE}/${kept.id}`, rest), 409, 'identity_provider_managed_by_env');
      expectProblem(await api.delete(`${BASE}/${kept.id}`), 409, 'identity_provider_managed_by_env');
      apiManaged = (await createIdentityProvider(t.server, admin.accessToken, providerBody()).expect(201)).body.id;
      jest.restoreAllMocks();
    });

    const changed = { ...kept, name: 'Renamed by deploy', clientSecret: 'env-secret-rotated', domains: [dropped.domains[0]] };
    await bootWith([changed], async (t) => {
      const providers = t.app.get(IdentityProviders);
      expect(await providers.get(dropped.id)).toBeNull();
      expect(await providers.get(kept.id)).toMatchObject({ name: 'Renamed by deploy', domains: dropped.domains, managedBy: 'env' });
      expect(await providers.clientSecret(kept.id)).toBe('env-secret-rotated');
      expect(await providers.get(apiManaged)).toMatchObject({ managedBy: 'api' });
    });
  });

  it('refuses to boot when a listed domain belongs to a provider managed through the API, naming the domain and never the secret', async () => {
    let owned = '';
    await withAuthApp({ db }, async (t) => {
      owned = (await t.app.get(IdentityProviders).create(providerBody({ domains: [uniqueDomain()] }) as never, 'test')).domains[0];
    });
    const clash = envProvider('env-clash', { domains: [owned] });
    const error = await bootFailure(db, { IDENTSPHERE_OIDC_PROVIDERS: JSON.stringify([clash]) });
    expect(error.message).toContain(owned);
    expect(error.message).not.toContain(clash.clientSecret);
  });
});

/** The error that stops an app's boot; the half-started app is closed so it holds no connection. */
async function bootFailure(db: TestDatabase, env: Record<string, string>): Promise<Error> {
  const app = await createApp(loadConfig({ NODE_ENV: 'test', IDENTSPHERE_JWT_SECRET: TEST_JWT_SECRET, IDENTSPHERE_LOG_LEVEL: 'error', ...db.env, ...env }));
  try {
    await app.init();
    return new Error('the boot did not fail');
  } catch (error) {
    return error as Error;
  } finally {
    await app.close();
  }
}
