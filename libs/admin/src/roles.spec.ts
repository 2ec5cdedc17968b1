import { canonicalRoles, ROLE_PATTERN } from './roles';

describe('role names', () => {
  it.each(['admin', 'support', 'billing.read', 'team:ops', 'a', `a${'b'.repeat(63)}`, 'x_y-z'])('accepts %p', (role) => expect(ROLE_PATTERN.test(role)).toBe(true));

  it.each(['', 'Admin', '1role', '-x', 'a b', `a${'b'.repeat(64)}`, 'ré', 'a/b', 'admin\n'])('refuses %p', (role) => expect(ROLE_PATTERN.test(role)).toBe(false));

  it('drops duplicates and sorts, so the token and the audit detail do not depend on the request order', () => {
    expect(canonicalRoles(['support', 'admin', 'support'])).toEqual(['admin', 'support']);
  });
});
