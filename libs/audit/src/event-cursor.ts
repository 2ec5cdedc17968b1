import { CommonErrors } from '@identsphere/common';

const PREFIX = 'e1:';

/** Opaque to clients: a versioned, base64url-wrapped position in the user's event sequence. */
export const encodeEventCursor = (seq: string): string => Buffer.from(PREFIX + seq, 'utf8').toString('base64url');

/** The sequence number a cursor points below; 400 validation_failed for anything this endpoint did not issue. */
export function decodeEventCursor(cursor: string): string {
  const decoded = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^e1:([1-9]\d{0,17})$/.exec(decoded);
  if (!match) throw CommonErrors.validationFailed([{ field: 'cursor', message: 'is not a cursor returned by this endpoint', rule: 'invalid_format' }]);
  return match[1];
}
