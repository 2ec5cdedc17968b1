import { rolesAfterMapping } from './sso-role-mapping';

describe('rolesAfterMapping', () => {
  const mapping = { 'idp-admins': ['admin'], support: ['support', 'viewer'] };

  it('grants the roles of the asserted groups', () => {
    expect(rolesAfterMapping([], mapping, ['support'])).toEqual(['support', 'viewer']);
  });

  it('removes a mapped role the groups no longer give', () => {
    expect(rolesAfterMapping(['admin', 'support'], mapping, ['support'])).toEqual(['support', 'viewer']);
  });

  it('keeps roles the mapping never mentions', () => {
    expect(rolesAfterMapping(['auditor'], mapping, [])).toEqual(['auditor']);
  });

  it('ignores unknown groups and inherited object keys', () => {
    expect(rolesAfterMapping([], mapping, ['constructor', 'nobody'])).toEqual([]);
  });
});
