import { isDomainError } from '@identsphere/common';
import type { IdentityProviderInput } from './identity-provider';
import { providerSettings } from './provider-settings';

const input = (overrides: Partial<IdentityProviderInput> = {}): IdentityProviderInput => ({
  id: 'acme-entra',
  name: ' Acme ',
  issuer: 'https://login.example.com/tenant/v2.0',
  clientId: 'client-1',
  clientSecret: 'secret-value-1',
  ...overrides,
});
const context = { isProduction: false, managedBy: 'api' as const };

function fieldsRefused(overrides: Partial<IdentityProviderInput>, ctx: Parameters<typeof providerSettings>[1] = context): string[] {
  try {
    providerSettings(input(overrides), ctx);
  } catch (error) {
    if (isDomainError(error) && error.code === 'validation_failed') {
      expect(JSON.stringify(error)).not.toContain('secret-value-1');
      return (error.options.errors ?? []).map((e) => e.field);
    }
    throw error;
  }
  return [];
}

describe('providerSettings', () => {
  it('applies the defaults and normalises names, domains, scopes and role mappings', () => {
    const settings = providerSettings(input({ domains: ['B.example.com', 'a.example.com', 'b.example.com'], scopes: ['openid', 'email', 'openid'], roleMapping: { admins: ['support', 'admin', 'admin'] } }), context);
    expect(settings).toEqual({
      id: 'acme-entra',
      name: 'Acme',
      issuer: 'https://login.example.com/tenant/v2.0',
      clientId: 'client-1',
      clientSecret: 'secret-value-1',
      authMethod: 'client_secret_basic',
      scopes: ['openid', 'email'],
      domains: ['a.example.com', 'b.example.com'],
      enforceSso: false,
      claims: { email: 'email', name: 'name', groups: null },
      roleMapping: { admins: ['admin', 'support'] },
      managedBy: 'api',
    });
    expect(providerSettings(input({ scopes: undefined, claims: { groups: 'groups', email: undefined } }), context)).toMatchObject({ scopes: ['openid', 'email', 'profile'], claims: { email: 'email', name: 'name', groups: 'groups' } });
  });

  it.each([
    ['id', { id: 'a' }],
    ['id', { id: '-acme' }],
    ['name', { name: '   ' }],
    ['issuer', { issuer: 'http://idp.example.com' }],
    ['clientId', { clientId: '' }],
    ['clientSecret', { clientSecret: undefined }],
    ['clientSecret', { clientSecret: '' }],
    ['clientSecret', { authMethod: 'private_key_jwt' as const }],
    ['scopes', { scopes: ['email'] }],
    ['scopes', { scopes: ['openid', 'a b'] }],
    ['domains', { domains: ['acme'] }],
    ['claims.email', { claims: { email: 'has space' } }],
    ['claims.groups', { claims: { groups: '' } }],
    ['roleMapping', { roleMapping: { admins: ['Admin'] } }],
    ['roleMapping', { roleMapping: { '': ['admin'] } }],
  ])('refuses a bad %s', (field, overrides) => {
    expect(fieldsRefused(overrides)).toEqual([field]);
  });

  it('takes private_key_jwt without a secret (it signs with our published key), and refuses one sent with it', () => {
    expect(providerSettings(input({ authMethod: 'private_key_jwt', clientSecret: undefined }), context)).toMatchObject({ authMethod: 'private_key_jwt', clientSecret: null });
    expect(fieldsRefused({ authMethod: 'private_key_jwt', clientSecret: 'secret-value-1' })).toEqual(['clientSecret']);
  });

  it('reports every bad field at once', () => {
    expect(fieldsRefused({ id: 'X', issuer: 'nope', scopes: ['email'] })).toEqual(['id', 'issuer', 'scopes']);
  });

  it('refuses an http issuer in production, even on loopback', () => {
    expect(fieldsRefused({ issuer: 'http://127.0.0.1:9000' })).toEqual([]);
    expect(fieldsRefused({ issuer: 'http://127.0.0.1:9000' }, { ...context, isProduction: true })).toEqual(['issuer']);
  });

  it('keeps a group named __proto__ as a group', () => {
    const mapping = providerSettings(input({ roleMapping: JSON.parse('{"__proto__": ["admin"]}') }), context).roleMapping;
    expect(Object.keys(mapping)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(mapping)).toBe(Object.prototype);
  });

  it('lets a replacement leave the secret out to keep the stored one', () => {
    expect(providerSettings(input({ clientSecret: undefined }), { ...context, keepSecret: true }).clientSecret).toBeNull();
  });
});
