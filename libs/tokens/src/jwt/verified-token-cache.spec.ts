import { VerifiedTokenCache } from './verified-token-cache';

const principal = { userId: 'u', sessionId: 's', email: 'a@example.com', emailVerified: false, roles: [], amr: ['pwd'], authTime: new Date(0), acr: 'pwd' };
const entry = (expiredFrom: number) => ({ principal, kid: 'k1', expiredFrom });

describe('VerifiedTokenCache', () => {
  it('answers a verified token until it expires, then forgets it', () => {
    const cache = new VerifiedTokenCache();
    cache.set('t', entry(1_000));
    expect(cache.get('t', 999)?.principal).toBe(principal);
    expect(cache.get('t', 1_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('knows nothing of tokens it was never given', () => {
    expect(new VerifiedTokenCache().get('other', 0)).toBeUndefined();
  });

  it('drops the oldest entry when full', () => {
    const cache = new VerifiedTokenCache(2);
    cache.set('a', entry(10));
    cache.set('b', entry(10));
    cache.set('c', entry(10));
    expect(cache.size).toBe(2);
    expect(cache.get('a', 0)).toBeUndefined();
    expect(cache.get('b', 0)).toBeDefined();
    expect(cache.get('c', 0)).toBeDefined();
  });
});
