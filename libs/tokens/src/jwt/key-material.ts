import { createHash, createPrivateKey, createPublicKey, createSecretKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import type { JwtAlgorithm } from '@identsphere/config';

export interface SigningKey {
  readonly kid: string;
  readonly algorithm: JwtAlgorithm;
  /** Imported once; re-importing a PEM or secret per call costs far more than the signature itself. */
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicJwk: Record<string, unknown> | null;
}

export function generateKeyPair(algorithm: Exclude<JwtAlgorithm, 'HS256'>): { privateKey: KeyObject; publicKey: KeyObject } {
  switch (algorithm) {
    case 'ES256':
      return generateKeyPairSync('ec', { namedCurve: 'P-256' });
    case 'EdDSA':
      return generateKeyPairSync('ed25519');
    case 'RS256':
      return generateKeyPairSync('rsa', { modulusLength: 2048 });
  }
}

/** RFC 7638 thumbprint of the public JWK: a stable, content-derived kid. */
export function jwkThumbprint(jwk: Record<string, unknown>): string {
  const required: Record<string, string[]> = { EC: ['crv', 'kty', 'x', 'y'], OKP: ['crv', 'kty', 'x'], RSA: ['e', 'kty', 'n'] };
  const members = required[jwk.kty as string];
  if (!members) throw new Error('unsupported key type for a thumbprint');
  const canonical = JSON.stringify(Object.fromEntries(members.map((m) => [m, jwk[m]])));
  return createHash('sha256').update(canonical).digest('base64url');
}

export function publicJwkOf(publicKey: KeyObject, algorithm: JwtAlgorithm): Record<string, unknown> {
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
  return { ...jwk, kid: jwkThumbprint(jwk), alg: algorithm, use: 'sig' };
}

export function importPrivateKey(pkcs8Pem: string): { privateKey: KeyObject; publicKey: KeyObject } {
  const privateKey = createPrivateKey(pkcs8Pem);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** HS256 signs with the UTF-8 bytes of IDENTSPHERE_JWT_SECRET (API.md); its kid reveals nothing of it. */
export function hmacKey(secret: string): SigningKey {
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  const kid = createHash('sha256').update(`identsphere hs256 kid:${secret}`).digest('base64url').slice(0, 22);
  return { kid, algorithm: 'HS256', privateKey: key, publicKey: key, publicJwk: null };
}
