import { isDomainError } from '@identsphere/common';
import type { AppConfig } from '@identsphere/config';
import { PasswordPolicy } from './password-policy';

const policy = new PasswordPolicy({ passwords: { minLength: 15 } } as AppConfig);
const email = 'marguerite@example.com';

function thrownBy(fn: () => void): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

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

  it.each(['password1234567', '123456789012345', 'qwertyuiopasdfg', 'iloveyou1234567', 'Password123456!'])(
    'refuses %s, long enough but guessable, as guessable',
    (password) => {
      expect(policy.violation(password, { email })).toBe('guessable');
    },
  );

  it('refuses listed common passwords and repetitions of them as guessable', () => {
    expect(policy.violation('passwordpassword', { email })).toBe('guessable');
    expect(policy.violation('aaaaaaaaaaaaaaaaaaaa', { email })).toBe('guessable');
    expect(policy.violation('qwertyqwertyqwerty', { email })).toBe('guessable');
    expect(policy.violation('🦊'.repeat(15), { email })).toBe('guessable');
  });

  it('refuses a password built from the display name as guessable', () => {
    const context = { email: 'mg@example.com', displayName: 'Zorvex Quillantra' };
    expect(policy.violation('zorvexquillantra', { email: 'mg@example.com' })).toBeNull();
    expect(policy.violation('zorvexquillantra', context)).toBe('guessable');
  });

  it("puts zxcvbn's feedback in the detail of a guessable refusal", () => {
    const error = thrownBy(() => policy.assertAcceptable('password1234567', { email }));
    expect(isDomainError(error) && error.options.errors).toEqual([expect.objectContaining({ field: 'password', rule: 'guessable' })]);
    expect(isDomainError(error) && error.detail.length).toBeGreaterThan('The password is too easy to guess.'.length);
  });

  it('refuses the email local part and the product name, case-insensitively', () => {
    expect(policy.violation('my name is MARGUERITE, ok?', { email })).toBe('contains_context');
    expect(policy.violation('i love IdentSphere so much', { email })).toBe('contains_context');
  });

  it('ignores a local part shorter than four characters', () => {
    expect(policy.violation('bob is a builder of things', { email: 'bob@example.com' })).toBeNull();
  });

  it('throws weak_password naming the rule and the field', () => {
    const error = thrownBy(() => policy.assertAcceptable('short', { email }, 'newPassword'));
    expect(isDomainError(error) && error.code).toBe('weak_password');
    expect(isDomainError(error) && error.options.errors).toEqual([expect.objectContaining({ field: 'newPassword', rule: 'too_short' })]);
  });
});
