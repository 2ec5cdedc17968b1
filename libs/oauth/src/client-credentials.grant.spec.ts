import type { MachineClient } from '@identsphere/clients';
import { grantedScopes } from './client-credentials.grant';
import { OAuthError } from './oauth-error';

const client = (scopes: MachineClient['scopes']): MachineClient => ({
  id: 'isc_AAAAAAAAAAAAAAAAAAAAAA',
  name: 'test',
  scopes,
  createdAt: new Date(),
  secretRotatedAt: new Date(),
  previousSecretExpiresAt: null,
  disabledAt: null,
});

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof OAuthError ? e.error : 'other';
  }
  return 'none';
};

describe('grantedScopes', () => {
  it('grants every scope of the client when none is asked for', () => {
    expect(grantedScopes(client(['admin', 'introspect']), undefined)).toEqual(['admin', 'introspect']);
  });

  it('grants a subset, once each, whatever the spacing', () => {
    expect(grantedScopes(client(['admin', 'introspect']), ' introspect  introspect ')).toEqual(['introspect']);
  });

  it.each([['admin'], ['superuser'], ['introspect admin'], ['   ']])('refuses %j for an introspect-only client with invalid_scope', (requested) => {
    expect(errorOf(() => grantedScopes(client(['introspect']), requested))).toBe('invalid_scope');
  });
});
