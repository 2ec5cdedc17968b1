import { federatedAmr } from './sso-assertion';

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
