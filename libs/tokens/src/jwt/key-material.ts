import { createHash, createPrivateKey, createPublicKey, createSecretKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import type { JwtAlgorithm } from '@identsphere/config';
import { deriveKey } from '@identsphere/crypto';

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

/** The HKDF label of the HS256 key; no other key is derived under it. */
export const HS256_KEY_LABEL = 'identsphere access-token hs256';

/**
 * The HS256 key resource servers are given (`cli.js hs256-key`): derived from the root secret under its own
 * label, never the secret itself, so a holder can verify (and sign) access tokens but derive none of the
 * refresh-token, device or encryption keys.
 */
export const hs256KeyBytes = (rootSecret: string): Buffer => deriveKey(rootSecret, HS256_KEY_LABEL);

/** The HS256 signing key; its kid is a digest of the derived key, so it reveals nothing of the secret. */
export function hmacKey(rootSecret: string): SigningKey {
  const bytes = hs256KeyBytes(rootSecret);
  const kid = createHash('sha256').update('identsphere hs256 kid:').update(bytes).digest('base64url').slice(0, 22);
  const key = createSecretKey(bytes);
  return { kid, algorithm: 'HS256', privateKey: key, publicKey: key, publicJwk: null };
}
