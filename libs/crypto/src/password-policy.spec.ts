import { isDomainError } from '@identsphere/common';
import type { AppConfig } from '@identsphere/config';
import { PasswordPolicy } from './password-policy';

const policy = new PasswordPolicy({ passwords: { minLength: 15 } } as AppConfig);
const email = 'marguerite@example.com';

describe('PasswordPolicy', () => {
  it('accepts a long uncommon password', () => {
    expect(policy.violation('violet kettle under nine moons', { email })).toBeNull();
  });

  it('counts code points, not UTF-16 units', () => {
    const emoji = (n: number) => Array.from({ length: n }, (_, i) => String.fromCodePoint(0x1f600 + i)).join('');
    expect(policy.violation(emoji(15), { email })).toBeNull();
    expect(policy.violation(emoji(14), { email })).toBe('too_short');
  });

  it('measures the NFKC form (a ligature counts as the letters it stands for)', () => {
    // U+FB01 "ﬁ" becomes "fi" under NFKC: 14 code points as typed, 15 after normalisation.
    expect(policy.violation('ﬁ' + 'x7q!zr2m#kp9w', { email })).toBeNull();
  });

  it('refuses over-long passwords', () => {
    expect(policy.violation('a1b2c3d4'.repeat(32) + 'z', { email })).toBe('too_long');
  });

  it('refuses listed common passwords and repetitions of them', () => {
    expect(policy.violation('passwordpassword', { email })).toBe('common');
    expect(policy.violation('aaaaaaaaaaaaaaaaaaaa', { email })).toBe('common');
    expect(policy.violation('qwertyqwertyqwerty', { email })).toBe('common');
    expect(policy.violation('🦊'.repeat(15), { email })).toBe('common');
  });

  it('refuses the email local part and the product name, case-insensitively', () => {
    expect(policy.violation('my name is MARGUERITE, ok?', { email })).toBe('contains_context');
    expect(policy.violation('i love IdentSphere so much', { email })).toBe('contains_context');
  });

  it('ignores a local part shorter than four characters', () => {
    expect(policy.violation('bob is a builder of things', { email: 'bob@example.com' })).toBeNull();
  });

  it('throws weak_password naming the rule and the field', () => {
    const error = (() => {
      try {
        policy.assertAcceptable('short', { email }, 'newPassword');
      } catch (e) {
        return e;
      }
    })();
    expect(isDomainError(error) && error.code).toBe('weak_password');
    expect(isDomainError(error) && error.options.errors).toEqual([expect.objectContaining({ field: 'newPassword', rule: 'too_short' })]);
  });
});
