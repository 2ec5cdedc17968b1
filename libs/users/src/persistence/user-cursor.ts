import { CommonErrors } from '@identsphere/common';

const PREFIX = 'u1:';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A position in the user listing (newest first): the creation time in microseconds and the id, which breaks ties. */
export interface UserPosition {
  readonly createdMicros: string;
  readonly id: string;
}

/** Opaque to clients: a versioned, base64url-wrapped position, carrying no email or other personal data. */
export const encodeUserCursor = (position: UserPosition): string => Buffer.from(`${PREFIX}${position.createdMicros}:${position.id}`, 'utf8').toString('base64url');

/** The position a cursor points after; 400 validation_failed for anything the listing did not issue. */
export function decodeUserCursor(cursor: string): UserPosition {
  const decoded = /^[A-Za-z0-9_-]{1,96}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = new RegExp(`^u1:(0|[1-9]\\d{0,17}):(${UUID})$`).exec(decoded);
  if (!match) throw CommonErrors.validationFailed([{ field: 'cursor', message: 'is not a cursor returned by this endpoint', rule: 'invalid_format' }]);
  return { createdMicros: match[1], id: match[2] };
}
