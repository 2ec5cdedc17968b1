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
});
