import type { IdentityProvider } from '@identsphere/identities';
import { assertionOf, federatedAmr } from './sso-assertion';

describe('federatedAmr', () => {
  it('marks a federated sign-in with fed and keeps the provider amr', () => {
    expect(federatedAmr(['pwd'])).toEqual(['fed', 'pwd']);
  });

  it('adds mfa when the provider shows a second factor', () => {
    expect(federatedAmr(['pwd', 'otp'])).toEqual(['fed', 'pwd', 'otp', 'mfa']);
    expect(federatedAmr(['hwk'])).toEqual(['fed', 'hwk', 'mfa']);
  });

  it('does not repeat mfa the provider already sent', () => {
    expect(federatedAmr(['mfa'])).toEqual(['fed', 'mfa']);
  });
});

describe('assertionOf', () => {
  const provider = {
    id: 'acme',
    claims: { email: 'email', name: 'name', groups: 'roles' },
  } as unknown as IdentityProvider;

  it('reads the mapped claims and normalises the email', () => {
    const assertion = assertionOf(provider, { sub: 's1', email: ' Ada@ACME.test ', email_verified: 'true', name: 'Ada', roles: ['admins'], amr: ['pwd'], sid: 'x' });
    expect(assertion).toEqual({ subject: 's1', email: 'ada@acme.test', emailVerified: true, name: 'Ada', groups: ['admins'], amr: ['pwd'], sid: 'x' });
  });

  it('leaves out an email an account could not have, so the login is refused', () => {
    expect(assertionOf(provider, { sub: 's1', email: '"a b"@acme.test' }).email).toBeNull();
    expect(assertionOf(provider, { sub: 's1', email: `${'a'.repeat(250)}@acme.test` }).email).toBeNull();
  });

  it('cleans the display name of control characters and cuts it to 100 characters', () => {
    expect(assertionOf(provider, { sub: 's1', name: `Ada\u0000\n${'x'.repeat(200)}` }).name).toBe(`Ada${'x'.repeat(97)}`);
  });

  it('says nothing about verification when the provider does not', () => {
    expect(assertionOf(provider, { sub: 's1' }).emailVerified).toBeNull();
  });

  it('reads no groups when the provider has no groups claim', () => {
    expect(assertionOf({ ...provider, claims: { email: 'email', name: 'name', groups: null } }, { sub: 's1', roles: ['admins'] }).groups).toEqual([]);
  });
});
