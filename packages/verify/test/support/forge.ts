import { createDecipheriv, createPrivateKey, hkdfSync, type KeyObject } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { TEST_JWT_SECRET } from '../../../../test/support/test-app';

/**
 * Opens a signing key as the service stores it (libs/crypto SecretBox: AES-256-GCM under an HKDF key of
 * IDENTSPHERE_JWT_SECRET, purpose "signing-keys"), so tests can sign with the service's real key and show
 * that every other check still refuses a well-signed token that is wrong in one respect.
 */
export function openStoredSigningKey(sealed: string): KeyObject {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(TEST_JWT_SECRET, 'utf8'), Buffer.from('identsphere'), Buffer.from('signing-keys'), 32));
  const [, iv, body, tag] = sealed.split('.');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return createPrivateKey(Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8'));
}

export function signWith(key: KeyObject, header: Record<string, unknown>, payload: Record<string, unknown>): Promise<string> {
  return new SignJWT(payload as JWTPayload).setProtectedHeader({ alg: 'ES256', ...header } as { alg: string }).sign(key);
}
