import { DeviceTokens } from './device-tokens';

const SECRET = 'device-token-spec-secret-0123456789abcdefghijklmnop';
const DAY = 86_400;
const NOW = 1_764_410_000;

describe('DeviceTokens', () => {
  const tokens = new DeviceTokens(SECRET, 30 * DAY);

  it('accepts its own token for the account it was issued for', () => {
    const token = tokens.issue('account-a', NOW);
    expect(tokens.verify(token, 'account-a', NOW + DAY)).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  });

  it('refuses the token for another account', () => {
    expect(tokens.verify(tokens.issue('account-a', NOW), 'account-b', NOW)).toBeNull();
  });

  it('refuses an expired token', () => {
    expect(tokens.verify(tokens.issue('account-a', NOW), 'account-a', NOW + 31 * DAY)).toBeNull();
  });

  it('refuses a token under another secret, a tampered one and garbage', () => {
    const token = tokens.issue('account-a', NOW);
    expect(new DeviceTokens(SECRET + 'x', 30 * DAY).verify(token, 'account-a', NOW)).toBeNull();
    const [v, nonce, issuedAt, mac] = token.split('.');
    expect(tokens.verify([v, nonce, String(Number(issuedAt) + 1), mac].join('.'), 'account-a', NOW)).toBeNull();
    for (const junk of [null, '', 'd1', 'd1.a.b.c', token + '.x', 'x'.repeat(500)]) expect(tokens.verify(junk, 'account-a', NOW)).toBeNull();
  });

  it('gives each issued token its own device nonce', () => {
    const a = tokens.verify(tokens.issue('account-a', NOW), 'account-a', NOW);
    const b = tokens.verify(tokens.issue('account-a', NOW), 'account-a', NOW);
    expect(a).not.toEqual(b);
  });
});
