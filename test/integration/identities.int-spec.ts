import { randomUUID } from 'node:crypto';
import { isDomainError } from '@identsphere/common';
import { IdentityProviderInput, IdentityProviders, UserIdentities } from '@identsphere/identities';
import { signup, uniqueEmail } from '../support/auth-factories';
import { queryTestDatabase } from '../support/query-test-database';
import { startTestApp, TestApp } from '../support/test-app';

// The identities lib's public surface (what the SSO flows build on) against PostgreSQL.
let t: TestApp;
let providers: IdentityProviders;
let identities: UserIdentities;
beforeAll(async () => {
  t = await startTestApp();
  providers = t.app.get(IdentityProviders);
  identities = t.app.get(UserIdentities);
});
afterAll(() => t.close());

const uniqueId = () => `idp-${randomUUID().slice(0, 8)}`;
const uniqueDomain = () => `${randomUUID().slice(0, 8)}.example.com`;
const input = (overrides: Partial<IdentityProviderInput> = {}): IdentityProviderInput => ({
  id: uniqueId(),
  name: 'Acme Entra ID',
  issuer: 'https://login.example.com/tenant/v2.0',
  clientId: 'client-123',
  clientSecret: 'very-secret-value',
  domains: [uniqueDomain()],
  ...overrides,
});
const codeOf = (error: unknown) => (isDomainError(error) ? error.code : error);

describe('IdentityProviders', () => {
  it('creates a provider with defaults and finds it by id, by domain and in the list', async () => {
    const domain = uniqueDomain();
    const created = await providers.create(input({ domains: [domain.toUpperCase()] }), 'actor');
    expect(created).toMatchObject({ authMethod: 'client_secret_basic', scopes: ['openid', 'email', 'profile'], domains: [domain], enforceSso: false, managedBy: 'api' });
    expect(created.claims).toEqual({ email: 'email', name: 'name', groups: null });
    expect(created).not.toHaveProperty('clientSecret');
    expect(await providers.get(created.id)).toEqual(created);
    expect(await providers.forDomain(domain.toUpperCase())).toEqual(created);
    expect((await providers.list()).map((p) => p.id)).toContain(created.id);
  });

  it('returns the client secret unsealed and stores it sealed', async () => {
    const created = await providers.create(input(), 'actor');
    expect(await providers.clientSecret(created.id)).toBe('very-secret-value');
    const [row] = await queryTestDatabase<{ client_secret_sealed: string }>(t.db, 'SELECT client_secret_sealed FROM identity_providers WHERE id = $1', [created.id]);
    expect(row.client_secret_sealed).not.toContain('very-secret-value');
    expect(await providers.clientSecret('no-such-provider')).toBeNull();
  });

  it('answers null for an unknown id or domain', async () => {
    expect(await providers.get('no-such-provider')).toBeNull();
    expect(await providers.forDomain(uniqueDomain())).toBeNull();
  });

  it('refuses a domain another provider owns, and claims none of the request', async () => {
    const shared = uniqueDomain();
    await providers.create(input({ domains: [shared] }), 'actor');
    const fresh = uniqueDomain();
    const second = input({ domains: [fresh, shared] });
    expect(codeOf(await providers.create(second, 'actor').catch((e) => e))).toBe('domain_taken');
    expect(await providers.get(second.id)).toBeNull();
    expect(await providers.forDomain(fresh)).toBeNull();
  });

  it('refuses a second provider with the same id', async () => {
    const first = await providers.create(input(), 'actor');
    expect(codeOf(await providers.create(input({ id: first.id }), 'actor').catch((e) => e))).toBe('identity_provider_exists');
  });

  it('replaces the settings, keeping the secret when none is sent', async () => {
    const created = await providers.create(input(), 'actor');
    const domain = uniqueDomain();
    const { id: _id, clientSecret: _secret, ...rest } = input({ name: 'Renamed', domains: [domain], enforceSso: true });
    const replaced = await providers.replace(created.id, rest, 'actor');
    expect(replaced).toMatchObject({ id: created.id, name: 'Renamed', domains: [domain], enforceSso: true });
    expect(await providers.clientSecret(created.id)).toBe('very-secret-value');
    expect(await providers.forDomain(created.domains[0])).toBeNull();
  });

  it('deletes a provider with its domains', async () => {
    const created = await providers.create(input(), 'actor');
    await providers.delete(created.id, 'actor');
    expect(await providers.get(created.id)).toBeNull();
    expect(await providers.forDomain(created.domains[0])).toBeNull();
  });
});

describe('UserIdentities', () => {
  const newUser = async (): Promise<string> => (await signup(t.server, { email: uniqueEmail() })).user.id;

  it('links an identity, finds it, records a login and lists it for the user', async () => {
    const provider = await providers.create(input(), 'actor');
    const userId = await newUser();
    const linked = await identities.link({ userId, providerId: provider.id, subject: 'sub-1', email: 'a@b.example' });
    expect(linked).toMatchObject({ userId, providerId: provider.id, subject: 'sub-1', email: 'a@b.example', lastLoginAt: null });
    expect(await identities.find(provider.id, 'sub-1')).toEqual(linked);
    await identities.recordLogin(linked.id);
    expect((await identities.find(provider.id, 'sub-1'))?.lastLoginAt).toBeInstanceOf(Date);
    expect((await identities.listForUser(userId)).map((i) => i.id)).toEqual([linked.id]);
  });

  it('links the same identity to the same user twice without error, but never to another user', async () => {
    const provider = await providers.create(input(), 'actor');
    const [owner, other] = [await newUser(), await newUser()];
    const first = await identities.link({ userId: owner, providerId: provider.id, subject: 'sub-2', email: 'x@y.example' });
    expect(await identities.link({ userId: owner, providerId: provider.id, subject: 'sub-2', email: 'x@y.example' })).toEqual(first);
    const error = await identities.link({ userId: other, providerId: provider.id, subject: 'sub-2', email: 'x@y.example' }).catch((e) => e);
    expect(codeOf(error)).toBe('identity_already_linked');
  });

  it('loses the links when the provider is deleted', async () => {
    const provider = await providers.create(input(), 'actor');
    const userId = await newUser();
    await identities.link({ userId, providerId: provider.id, subject: 'sub-3', email: 'x@y.example' });
    await providers.delete(provider.id, 'actor');
    expect(await identities.listForUser(userId)).toEqual([]);
  });
});
