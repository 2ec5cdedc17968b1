import { decodeUserCursor, encodeUserCursor } from './user-cursor';

const ID = '0b6f8f2e-5c1d-4e8a-9f3b-7a2c1d0e9f84';

/** The code of the error decoding throws, or 'accepted'. */
function codeOf(cursor: string): string | undefined {
  try {
    decodeUserCursor(cursor);
    return 'accepted';
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('user listing cursor', () => {
  it('round-trips a position through an opaque string', () => {
    const cursor = encodeUserCursor({ createdMicros: '1764450000123456', id: ID });
    expect(cursor).not.toContain(ID);
    expect(decodeUserCursor(cursor)).toEqual({ createdMicros: '1764450000123456', id: ID });
  });

  it.each([
    '',
    'abc',
    '!!!',
    Buffer.from(`u1:-1:${ID}`).toString('base64url'),
    Buffer.from(`u1:12:not-a-uuid`).toString('base64url'),
    Buffer.from(`u2:12:${ID}`).toString('base64url'),
    Buffer.from(`e1:12`).toString('base64url'),
    'A'.repeat(120),
  ])('refuses %p as validation_failed', (cursor) => {
    expect(codeOf(cursor)).toBe('validation_failed');
  });
});
