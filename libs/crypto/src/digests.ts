import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random URL-safe token with `bytes` of entropy (default 256 bits). */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** What we store instead of a token: its SHA-256, so a database leak reveals no usable token. */
export const sha256Digest = (value: string): string => createHash('sha256').update(value, 'utf8').digest('base64url');

export const hmacSha256 = (key: Buffer, message: string): Buffer => createHmac('sha256', key).update(message, 'utf8').digest();

/** A subkey of the root secret for one purpose (and optionally one subject, such as a session id). */
export const deriveKey = (rootSecret: string, purpose: string, subject = ''): Buffer =>
  Buffer.from(hkdfSync('sha256', Buffer.from(rootSecret, 'utf8'), Buffer.from(subject), Buffer.from(purpose), 32));

/** Constant-time comparison of two byte strings of possibly different length. */
export function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
