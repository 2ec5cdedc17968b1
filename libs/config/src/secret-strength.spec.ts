import { randomBytes } from 'node:crypto';
import { estimateSecretBits, looksRandomEnough, MIN_SECRET_BITS } from './secret-strength';

describe('root secret strength', () => {
  it.each([
    'abcdefghijabcdefghijabcdefghijab',
    'my-company-jwt-secret-2025-prod!',
    'correct-horse-battery-staple-and-more',
    'the quick brown fox jumps over the lazy dog',
    'a'.repeat(64),
  ])('estimates %s below 128 bits', (secret) => {
    expect(estimateSecretBits(secret)).toBeLessThan(MIN_SECRET_BITS);
  });

  it('passes what `openssl rand -base64 48` prints, every time', () => {
    for (let i = 0; i < 50; i++) expect(looksRandomEnough(randomBytes(48).toString('base64'))).toBe(true);
  });

  it('judges a base64 encoding of text by the text it decodes to', () => {
    const encoded = Buffer.from('my-company-jwt-secret-2025-prod! and more words').toString('base64url');
    expect(estimateSecretBits(encoded)).toBeGreaterThanOrEqual(MIN_SECRET_BITS);
    expect(looksRandomEnough(encoded)).toBe(false);
  });
});
