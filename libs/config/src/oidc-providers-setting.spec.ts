import { ConfigError } from './config-error';
import { loadConfig } from './load-config';
import { parseOidcProviders } from './oidc-providers-setting';

const SECRET = 'kQ9v2Lr7xW4pZ8sT1mN6bY3cH5jD0fGa';
const CLIENT_SECRET = 'do-not-print-me-0123456789';

const entry = (overrides: Record<string, unknown> = {}) => ({
  id: 'acme-okta',
  name: 'Acme (Okta)',
  issuer: 'https://acme.okta.com',
  clientId: '0oa1b2c3d4',
  clientSecret: CLIENT_SECRET,
  domains: ['Acme.com'],
  scopes: ['openid', 'email', 'profile', 'groups'],
  ...overrides,
});
const parse = (value: unknown, isProduction = false) => parseOidcProviders(JSON.stringify(value), isProduction);
const reasonsOf = (value: unknown, isProduction = false) => parse(value, isProduction).problems.map((p) => `${p.variable}: ${p.reason}`);

describe('IDENTSPHERE_OIDC_PROVIDERS', () => {
  it('is empty when unset or blank', () => {
    expect(parseOidcProviders(undefined, false)).toEqual({ providers: [], problems: [] });
    expect(parseOidcProviders('  ', true)).toEqual({ providers: [], problems: [] });
  });

  it('parses the documented shape, lower-casing domains and defaulting scopes, enforceSso, roleMapping and claims', () => {
    const { providers, problems } = parse([entry({ scopes: undefined, enforceSso: undefined }), entry({ id: 'beta', domains: ['beta.io'], enforceSso: true, roleMapping: { admins: ['admin'] }, claims: { groups: 'groups' } })]);
    expect(problems).toEqual([]);
    expect(providers[0]).toEqual({ ...entry(), domains: ['acme.com'], scopes: ['openid', 'email', 'profile'], enforceSso: false, roleMapping: {}, claims: {} });
    expect(providers[1]).toMatchObject({ id: 'beta', enforceSso: true, roleMapping: { admins: ['admin'] }, claims: { groups: 'groups' } });
  });

  it.each([
    ['not JSON', '[{"id": ', 'IDENTSPHERE_OIDC_PROVIDERS: must be valid JSON (an array of provider objects)'],
    ['an object instead of an array', JSON.stringify(entry()), 'IDENTSPHERE_OIDC_PROVIDERS: must be a JSON array of provider objects'],
  ])('refuses %s with one problem', (_what, raw, reason) => {
    expect(parseOidcProviders(raw, false).problems.map((p) => `${p.variable}: ${p.reason}`)).toEqual([reason]);
  });

  it('names the entry and the field of every problem', () => {
    expect(reasonsOf([entry(), entry({ id: 'Bad Id', issuer: 'http://idp.example.com', scopes: ['email'], domains: ['not a domain'], clientSecret: '', extra: 1 })])).toEqual([
      'IDENTSPHERE_OIDC_PROVIDERS[1]: extra is not a known field',
      'IDENTSPHERE_OIDC_PROVIDERS[1]: id must match ^[a-z0-9][a-z0-9-]{1,62}$',
      'IDENTSPHERE_OIDC_PROVIDERS[1]: clientSecret must be a non-empty string',
      'IDENTSPHERE_OIDC_PROVIDERS[1]: issuer may use http only on a loopback host (localhost, 127.0.0.1, [::1])',
      'IDENTSPHERE_OIDC_PROVIDERS[1]: domains must be an array of domain names like acme.com',
      'IDENTSPHERE_OIDC_PROVIDERS[1]: scopes must be an array of scope names including openid',
    ]);
    expect(reasonsOf(['acme'])).toEqual(['IDENTSPHERE_OIDC_PROVIDERS[0]: must be an object']);
  });

  it('accepts a loopback http issuer outside production only', () => {
    expect(reasonsOf([entry({ issuer: 'http://127.0.0.1:9000' })])).toEqual([]);
    expect(reasonsOf([entry({ issuer: 'http://127.0.0.1:9000' })], true)).toEqual(['IDENTSPHERE_OIDC_PROVIDERS[0]: issuer must be an https URL in production']);
  });

  it('refuses one id or one domain listed twice', () => {
    expect(reasonsOf([entry(), entry({ domains: ['other.com'] }), entry({ id: 'beta', domains: ['ACME.com'] })])).toEqual([
      'IDENTSPHERE_OIDC_PROVIDERS: lists the provider id acme-okta more than once',
      'IDENTSPHERE_OIDC_PROVIDERS: gives the domain acme.com to more than one provider',
    ]);
  });

  it('fails loadConfig listing the variable, never echoing the client secret', () => {
    const raw = JSON.stringify([entry({ issuer: 'ftp://idp.example.com' })]);
    const error = (() => {
      try {
        loadConfig({ NODE_ENV: 'test', IDENTSPHERE_JWT_SECRET: SECRET, IDENTSPHERE_OIDC_PROVIDERS: raw });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems.map((p) => p.variable)).toEqual(['IDENTSPHERE_OIDC_PROVIDERS[0]']);
    expect(error.message).not.toContain(CLIENT_SECRET);
    expect(loadConfig({ NODE_ENV: 'test', IDENTSPHERE_JWT_SECRET: SECRET, IDENTSPHERE_OIDC_PROVIDERS: JSON.stringify([entry()]) }).oidcProviders.map((p) => p.id)).toEqual(['acme-okta']);
  });
});
