import { assuranceOf, combinedAmr } from './assurance';
import { SignInStrategies } from './sign-in-strategies';
import type { SignInMethod, SignInStrategy } from './sign-in-strategy';

function fakeStrategy(id: SignInMethod, secondFactor: boolean, enrolledUsers: string[]): SignInStrategy {
  return { id, amr: ['otp'], secondFactor, isEnrolled: async (userId) => enrolledUsers.includes(userId), verify: async () => ({ ok: false, reason: 'unused' }) };
}

describe('SignInStrategies', () => {
  const registry = () =>
    new SignInStrategies([fakeStrategy('password', false, ['u1', 'u2']), fakeStrategy('totp', true, ['u1']), fakeStrategy('recovery_code', true, ['u1']), fakeStrategy('webauthn', true, ['u2'])]);

  it('finds a strategy by the method id the client sent, and nothing for an unknown one', () => {
    expect(registry().get('totp')?.id).toBe('totp');
    expect(registry().get('sms')).toBeNull();
    expect(registry().get('__proto__')).toBeNull();
  });

  it('lists the second factors a user has set up, in registration order, never the password', async () => {
    expect(await registry().secondFactorsOf('u1')).toEqual(['totp', 'recovery_code']);
    expect(await registry().secondFactorsOf('u2')).toEqual(['webauthn']);
    expect(await registry().secondFactorsOf('u3')).toEqual([]);
  });

  it('refuses two strategies for one method', () => {
    expect(() => new SignInStrategies([fakeStrategy('totp', true, []), fakeStrategy('totp', true, [])])).toThrow(/totp/);
  });

  it('says when the password strategy is missing rather than logging anyone in without it', () => {
    expect(() => registry().password()).toThrow(/password strategy/);
  });
});

describe('assurance (acr)', () => {
  it('is mfa only for a known or inherent factor plus a held one', () => {
    expect(assuranceOf(['pwd'])).toBe('pwd');
    expect(assuranceOf(['otp'])).toBe('pwd');
    expect(assuranceOf(['pwd', 'otp'])).toBe('mfa');
    expect(assuranceOf(['pwd', 'hwk'])).toBe('mfa');
    expect(assuranceOf(['hwk', 'pin'])).toBe('mfa');
    expect(assuranceOf(['mfa'])).toBe('mfa');
  });

  it('combines amr without repeats, first step first', () => {
    expect(combinedAmr(['pwd'], ['otp'], ['pwd'])).toEqual(['pwd', 'otp']);
  });
});
