import { Injectable } from '@nestjs/common';
import { createECDH, createHash, createPrivateKey, hkdfSync, KeyObject, webcrypto } from 'node:crypto';
import { AppConfig } from '@identsphere/config';

/** The HKDF label of the SSO client-assertion key; no other key is derived under it. */
export const CLIENT_ASSERTION_KEY_LABEL = 'sso-client-assertion';
/** Order of the P-256 group (SEC 2): a private scalar lies in [1, n-1]. */
const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
/** 64 bits beyond the 256 of the order, so the modular reduction has no measurable bias (FIPS 186-5 A.2.1). */
const SEED_BYTES = 48;

/**
 * The EC P-256 key we sign `private_key_jwt` client assertions with at SSO providers' token endpoints.
 * Derived from the root secret, so every instance holds the same key without storing it; published in our
 * JWKS (beside the access-token keys, under its own kid) so a provider can fetch it from our `jwks_uri`.
 * Rotating IDENTSPHERE_JWT_SECRET rotates it.
 */
@Injectable()
export class ClientAssertionKey {
  readonly alg = 'ES256';
  readonly kid: string;
  private readonly key: KeyObject;
  private readonly jwk: Readonly<Record<string, string>>;
  private webKey: Promise<webcrypto.CryptoKey> | null = null;

  constructor(config: AppConfig) {
    const { kid, key, jwk } = deriveAssertionKey(config.tokens.secret);
    this.kid = kid;
    this.key = key;
    this.jwk = jwk;
  }

  /** The public half as published: no `d`. */
  publicJwk(): Record<string, string> {
    return { ...this.jwk };
  }

  privateKey(): KeyObject {
    return this.key;
  }

  /** The private key as a non-extractable WebCrypto key, for libraries that sign with WebCrypto (openid-client). */
  signingCryptoKey(): Promise<webcrypto.CryptoKey> {
    const jwk = this.key.export({ format: 'jwk' });
    this.webKey ??= webcrypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
    return this.webKey;
  }
}

function deriveAssertionKey(rootSecret: string): { kid: string; key: KeyObject; jwk: Record<string, string> } {
  const seed = Buffer.from(hkdfSync('sha256', Buffer.from(rootSecret, 'utf8'), Buffer.alloc(0), Buffer.from(CLIENT_ASSERTION_KEY_LABEL), SEED_BYTES));
  const scalar = (BigInt(`0x${seed.toString('hex')}`) % (P256_ORDER - 1n)) + 1n;
  const d = Buffer.from(scalar.toString(16).padStart(64, '0'), 'hex');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  // Uncompressed point: 0x04 || x (32 bytes) || y (32 bytes).
  const point = ecdh.getPublicKey();
  const x = point.subarray(1, 33).toString('base64url');
  const y = point.subarray(33, 65).toString('base64url');
  const key = createPrivateKey({ key: { kty: 'EC', crv: 'P-256', x, y, d: d.toString('base64url') }, format: 'jwk' });
  // RFC 7638: the SHA-256 of the required members in lexicographic order.
  const kid = createHash('sha256').update(JSON.stringify({ crv: 'P-256', kty: 'EC', x, y })).digest('base64url');
  return { kid, key, jwk: { kty: 'EC', crv: 'P-256', x, y, kid, alg: 'ES256', use: 'sig' } };
}
