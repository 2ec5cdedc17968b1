import { newRecoveryCode, normalizeRecoveryCode } from './recovery-code-format';

describe('recovery code format', () => {
  it('makes codes of 10 base32 characters (50 bits) shown as xxxxx-xxxxx, all different', () => {
    const codes = Array.from({ length: 200 }, newRecoveryCode);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('ignores case, spaces and dashes in what the user typed', () => {
    expect(normalizeRecoveryCode('ABCDE-FG234')).toBe('abcdefg234');
    expect(normalizeRecoveryCode(' abcde fg234 ')).toBe('abcdefg234');
  });

  it.each(['', 'abcde-fg23', 'abcde-fg2345', 'abcde-fg018', 'abcde_fg234'])('refuses %j', (input) => {
    expect(normalizeRecoveryCode(input)).toBeNull();
  });
});
