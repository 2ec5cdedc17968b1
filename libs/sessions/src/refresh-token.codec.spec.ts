import { randomUUID } from 'node:crypto';
import { RefreshTokenCodec } from './refresh-token.codec';

describe('RefreshTokenCodec', () => {
  const codec = new RefreshTokenCodec('root-secret-with-plenty-of-entropy-0123456789');
  const sessionId = randomUUID();

  it('decodes what it encodes', () => {
    expect(codec.decode(codec.encode(sessionId, 7))).toEqual({ sessionId, counter: 7 });
  });

  it('is deterministic per (session, counter), so a grace-window retry gets the same successor', () => {
    expect(codec.encode(sessionId, 3)).toBe(codec.encode(sessionId, 3));
    expect(codec.encode(sessionId, 3)).not.toBe(codec.encode(sessionId, 4));
  });

  it('rejects a token whose counter or session was changed', () => {
    const [, , mac] = codec.encode(sessionId, 1).split('.');
    expect(codec.decode(`${sessionId}.2.${mac}`)).toBeNull();
    expect(codec.decode(`${randomUUID()}.1.${mac}`)).toBeNull();
  });

  it('rejects tokens minted under another root secret', () => {
    const other = new RefreshTokenCodec('another-root-secret-0123456789-abcdefghij');
    expect(codec.decode(other.encode(sessionId, 0))).toBeNull();
  });

  it.each(['', 'abc', `${sessionId}.x.y`, `${sessionId}.1`, `${sessionId}.1.a.b`, `not-a-uuid.1.abc`, 'a'.repeat(500)])('rejects malformed input %#', (token) => {
    expect(codec.decode(token)).toBeNull();
  });

  it.each(['!!', '=', '==', ' ', '%', 'A'])('rejects an authentic token with %p appended', (suffix) => {
    expect(codec.decode(codec.encode(sessionId, 5) + suffix)).toBeNull();
  });

  it('rejects a MAC written in standard base64 or cut short', () => {
    const token = codec.encode(sessionId, 5);
    const [, , mac] = token.split('.');
    const standard = Buffer.from(mac, 'base64url').toString('base64');
    expect(codec.decode(`${sessionId}.5.${standard}`)).toBeNull();
    expect(codec.decode(token.slice(0, -1))).toBeNull();
  });

  it('accepts one spelling of the MAC only, not the variants that differ in its unused last bits', () => {
    const token = codec.encode(sessionId, 5);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(token.slice(-1));
    const variants = [1, 2, 3].map((bits) => token.slice(0, -1) + alphabet[last ^ bits]);
    expect(variants.every((variant) => Buffer.from(variant.split('.')[2], 'base64url').equals(Buffer.from(token.split('.')[2], 'base64url')))).toBe(true);
    expect(variants.map((variant) => codec.decode(variant))).toEqual([null, null, null]);
  });
});
