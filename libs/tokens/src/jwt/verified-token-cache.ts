import type { Caller } from '@identsphere/common';

export interface VerifiedToken {
  readonly principal: Caller;
  /** The key that verified the signature: an entry counts only while the key ring still holds it. */
  readonly kid: string;
  /** Epoch seconds from which the token is expired: its `exp` plus the clock tolerance. */
  readonly expiredFrom: number;
}

const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * Access tokens that passed full verification (signature, algorithm, typ, kid, iss, aud, exp, nbf), keyed
 * by their exact text, so a client presenting the same token again skips the signature check: for ES256
 * the largest single CPU cost of an authenticated request (profiled under `npm run bench`). For the same bytes only
 * time can change the verdict, so expiry is checked on every hit; session revocation is unaffected (the
 * guard still looks the session up on every request). Only tokens we signed can get in, and the oldest
 * entry leaves first once the cache is full, so memory stays bounded (~1 KiB per entry).
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, VerifiedToken>();

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  get(token: string, nowSeconds: number): VerifiedToken | undefined {
    const entry = this.entries.get(token);
    if (entry && nowSeconds >= entry.expiredFrom) {
      this.entries.delete(token);
      return undefined;
    }
    return entry;
  }

  set(token: string, entry: VerifiedToken): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(token)) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, entry);
  }

  get size(): number {
    return this.entries.size;
  }
}
