import { checkedDetail } from './audit-log';

describe('audit event detail', () => {
  it('accepts short non-secret context such as a reason class', () => {
    expect(checkedDetail({ reason: 'wrong_password', trusted_device: 'false' })).toEqual({ reason: 'wrong_password', trusted_device: 'false' });
  });

  it.each(['password', 'newPassword', 'refreshToken', 'passwordHash', 'secret', 'cookie', 'Authorization'])('refuses a detail key named like a secret: %s', (key) => {
    expect(() => checkedDetail({ [key]: 'x' })).toThrow(/secret/);
  });

  it('refuses long values, where a token could hide', () => {
    expect(() => checkedDetail({ note: 'x'.repeat(201) })).toThrow();
  });
});
