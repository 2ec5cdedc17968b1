import { createHmac } from 'node:crypto';

/**
 * RFC 6238 TOTP written from the RFC with node:crypto alone, independent of the otplib the service uses,
 * so the tests would catch a misconfigured library rather than agree with it. HMAC-SHA-1, 30-second steps.
 */
export const TOTP_STEP_SECONDS = 30;

export function totpAt(secret: Buffer, unixSeconds: number, digits = 6): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / TOTP_STEP_SECONDS)));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return binary.toString().padStart(digits, '0');
}

/** RFC 4648 base32 (as authenticator apps read the `secret` of an otpauth URI), padding optional. */
export function decodeBase32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of text.toUpperCase().replace(/=+$/, '')) {
    const value = alphabet.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${char}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((byte) => parseInt(byte, 2)));
}

/** The code an authenticator app shows for this base32 secret at `unixSeconds`. */
export const totpCode = (base32Secret: string, unixSeconds: number): string => totpAt(decodeBase32(base32Secret), unixSeconds);
