import { isDomainError } from '@identsphere/common';
import { decodeEventCursor, encodeEventCursor } from './event-cursor';

describe('event cursor', () => {
  it('round-trips a sequence number through an opaque string', () => {
    const cursor = encodeEventCursor('12345');
    expect(cursor).not.toContain('12345');
    expect(decodeEventCursor(cursor)).toBe('12345');
  });

  it.each(['', 'abc', '!!!', encodeEventCursor('0'), encodeEventCursor('-1'), encodeEventCursor('1e5'), Buffer.from('e2:5').toString('base64url'), 'A'.repeat(100)])(
    'refuses %p as validation_failed',
    (cursor) => {
      let error: unknown;
      try {
        decodeEventCursor(cursor);
      } catch (e) {
        error = e;
      }
      expect(isDomainError(error) && error.code).toBe('validation_failed');
    },
  );
});
