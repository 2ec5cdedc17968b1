import { matchTotpStep, newTotpSecret, totpUri } from './totp-codes';

// RFC 6238 appendix B, SHA-1 rows (key "12345678901234567890", here in base32); 6-digit codes are the
// last six digits of the RFC's 8-digit values.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: ReadonlyArray<readonly [number, string]> = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
  [20000000000, '353130'],
];

describe('TOTP codes', () => {
  it.each(RFC_VECTORS)('accepts the RFC 6238 code at t=%d and reports its time step', (time, code) => {
    expect(matchTotpStep(RFC_SECRET, code, time)).toBe(Math.floor(time / 30));
  });

  it('accepts a code of the previous and the next time step, refuses two steps away', () => {
    const [time, code] = RFC_VECTORS[3];
    expect(matchTotpStep(RFC_SECRET, code, time + 30)).toBe(Math.floor(time / 30));
    expect(matchTotpStep(RFC_SECRET, code, time - 30)).toBe(Math.floor(time / 30));
    expect(matchTotpStep(RFC_SECRET, code, time + 60)).toBeNull();
    expect(matchTotpStep(RFC_SECRET, code, time - 60)).toBeNull();
  });

  it.each(['', '12345', '1234567', 'abcdef', '28708 ', ' 287082'])('refuses the malformed code %j without throwing', (code) => {
    expect(matchTotpStep(RFC_SECRET, code, 59)).toBeNull();
  });

  it('makes 160-bit base32 secrets and an otpauth URI naming issuer, account and secret', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(totpUri(secret, 'Acme Co', 'ada@example.com'));
    expect(`${uri.protocol}//${uri.host}`).toBe('otpauth://totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Acme Co:ada@example.com');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Acme Co');
  });
});
