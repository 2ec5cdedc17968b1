import { buildLink } from './link';

describe('buildLink', () => {
  it('fills the default template with the purpose and the token', () => {
    expect(buildLink('https://id.example.com/auth/{purpose}?token={token}', 'reset-password', 'abc_DEF-123')).toBe(
      'https://id.example.com/auth/reset-password?token=abc_DEF-123',
    );
  });

  it('supports SPA templates that put the token in a fragment and repeat placeholders', () => {
    expect(buildLink('https://app.example.com/#/{purpose}/{token}?again={token}', 'verify-email', 'tok')).toBe(
      'https://app.example.com/#/verify-email/tok?again=tok',
    );
  });

  it('works for a template without {purpose}', () => {
    expect(buildLink('https://app.example.com/confirm?t={token}', 'change-email', 'tok')).toBe('https://app.example.com/confirm?t=tok');
  });

  it('percent-encodes characters that would break out of the URL component', () => {
    expect(buildLink('https://x.example/{purpose}?token={token}', 'verify-email', 'a&b=c#d/e')).toBe('https://x.example/verify-email?token=a%26b%3Dc%23d%2Fe');
  });
});
