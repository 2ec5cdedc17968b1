import { deriveKey, hmacSha256, randomToken, safeEqual } from '@identsphere/crypto';

/** `isc_` + 128 random bits: unguessable, so an id alone never tells an attacker which clients exist. */
export const CLIENT_ID_PREFIX = 'isc_';
/** `iscs_` + 256 random bits: a prefix secret scanners can match (as GitHub's `ghp_`), and enough entropy to skip a slow hash. */
export const CLIENT_SECRET_PREFIX = 'iscs_';

export const CLIENT_ID_PATTERN = /^isc_[A-Za-z0-9_-]{22}$/;
const CLIENT_SECRET_PATTERN = /^iscs_[A-Za-z0-9_-]{43}$/;

export const newClientId = (): string => `${CLIENT_ID_PREFIX}${randomToken(16)}`;
export const newClientSecret = (): string => `${CLIENT_SECRET_PREFIX}${randomToken(32)}`;

/**
 * Client secrets are stored as HMAC-SHA256 digests under a key derived from the root secret: 256 random
 * bits need no slow hash (nothing to brute-force), and without the key a leaked table is useless. The
 * client id is part of the message, so one digest cannot be moved to another client.
 */
export class ClientSecretDigests {
  private readonly key: Buffer;

  constructor(rootSecret: string) {
    this.key = deriveKey(rootSecret, 'machine-client-secrets');
  }

  digest(clientId: string, secret: string): string {
    return hmacSha256(this.key, `${clientId}:${secret}`).toString('base64url');
  }

  /**
   * Whether `secret` matches one of the stored digests. Always computes one digest and compares it with
   * every candidate slot (an absent one against a dummy), so the time taken does not tell which slot
   * matched, whether a previous secret exists, or whether the secret was well-formed.
   */
  matches(clientId: string, secret: string, stored: ReadonlyArray<string | null>): boolean {
    const presented = Buffer.from(this.digest(clientId, secret));
    const wellFormed = CLIENT_SECRET_PATTERN.test(secret);
    let match = false;
    for (const candidate of stored) {
      const equal = safeEqual(presented, Buffer.from(candidate ?? DUMMY_DIGEST));
      match = (equal && candidate !== null) || match;
    }
    return wellFormed && match;
  }
}

/** Same length as a real digest (32 bytes in base64url), never equal to one. */
const DUMMY_DIGEST = '!'.repeat(43);
