import { importJWK, type JWK } from 'jose';
import { VerifyError } from './errors.js';

type KeyLike = Awaited<ReturnType<typeof importJWK>>;

export interface VerificationKey {
  readonly kid: string;
  /** The algorithm the key is published for; a token must name exactly this one. */
  readonly alg: string;
  readonly key: KeyLike;
}

export interface JwksCacheOptions {
  readonly jwksUri: string;
  /** Algorithms a key may be used with; keys published for others are ignored. */
  readonly algorithms: ReadonlySet<string> | null;
  /** Minimum time between two fetches caused by unknown kids (a storm costs at most one fetch per window). */
  readonly refetchIntervalMs: number;
  /** Freshness when the answer has no usable `Cache-Control: max-age`. */
  readonly defaultMaxAgeMs: number;
  readonly timeoutMs: number;
  readonly fetch: typeof globalThis.fetch;
  readonly clock: () => number;
}

// A max-age beyond a day would hide a rotation for too long; below a second it would fetch per request.
const MAX_AGE_CEILING_MS = 86_400_000;
const MAX_AGE_FLOOR_MS = 1_000;
const SYMMETRIC = /^HS/;

/** The freshness an answer grants: max-age (s-maxage for shared caches is not ours), 0 for no-store/no-cache. */
export function maxAgeOf(cacheControl: string | null, fallbackMs: number): number {
  if (!cacheControl) return fallbackMs;
  const directives = cacheControl.toLowerCase().split(',').map((d) => d.trim());
  if (directives.includes('no-store') || directives.includes('no-cache')) return MAX_AGE_FLOOR_MS;
  const maxAge = directives.find((d) => d.startsWith('max-age='));
  const seconds = maxAge ? Number(maxAge.slice('max-age='.length)) : NaN;
  if (!Number.isFinite(seconds) || seconds < 0) return fallbackMs;
  return Math.min(Math.max(seconds * 1000, MAX_AGE_FLOOR_MS), MAX_AGE_CEILING_MS);
}

/**
 * The issuer's public keys: fetched once, kept as long as the answer's Cache-Control allows, fetched again
 * when a token names a kid we do not know (a rotation), but at most once per refetch window, so a flood of
 * forged kids cannot turn the resource server into a load generator against the issuer. One fetch is in
 * flight at a time; concurrent callers share it. When a refresh fails the keys already known stay in use.
 */
export class JwksCache {
  private keys = new Map<string, Promise<VerificationKey | null>>();
  private loaded = false;
  private freshUntil = 0;
  private lastFetchStarted = -Infinity;
  private inFlight: Promise<void> | null = null;
  /** How many times the JWKS was requested (for metrics and tests). */
  fetchCount = 0;

  constructor(private readonly options: JwksCacheOptions) {}

  async keyFor(kid: string): Promise<VerificationKey | null> {
    const now = this.options.clock();
    if (!this.loaded || now >= this.freshUntil) await this.refresh(!this.loaded);
    const known = this.keys.get(kid);
    if (known) return known;
    // Any fetch (the first one included) opens the window: a kid unknown right after a fetch is a forgery.
    if (!this.inFlight && now - this.lastFetchStarted < this.options.refetchIntervalMs) return null;
    await this.refresh(false);
    return (await this.keys.get(kid)) ?? null;
  }

  /** Fetches the JWKS (or joins the fetch in flight). Throws only when no key has ever been loaded. */
  private async refresh(mustSucceed: boolean): Promise<void> {
    this.inFlight ??= this.load().finally(() => (this.inFlight = null));
    try {
      await this.inFlight;
    } catch (error) {
      if (mustSucceed || !this.loaded) throw new VerifyError('keys_unavailable', `the issuer's keys could not be loaded: ${(error as Error).message}`);
      // Keep serving with the keys we have; try again after a short pause rather than on every request.
      this.freshUntil = this.options.clock() + Math.min(this.options.refetchIntervalMs, this.options.defaultMaxAgeMs);
    }
  }

  private async load(): Promise<void> {
    this.fetchCount += 1;
    this.lastFetchStarted = this.options.clock();
    const res = await this.options.fetch(this.options.jwksUri, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (!res.ok) throw new Error(`JWKS answered ${res.status}`);
    const body = (await res.json()) as { keys?: unknown };
    if (!body || !Array.isArray(body.keys)) throw new Error('JWKS has no keys array');
    const next = new Map<string, Promise<VerificationKey | null>>();
    for (const jwk of body.keys as JWK[]) {
      if (!this.usable(jwk)) continue;
      // Keys already imported are reused; new ones are imported on first use.
      next.set(jwk.kid!, this.keys.get(jwk.kid!) ?? this.importKey(jwk));
    }
    this.keys = next;
    this.loaded = true;
    this.freshUntil = this.options.clock() + maxAgeOf(res.headers.get('cache-control'), this.options.defaultMaxAgeMs);
  }

  /** A signing key with a kid and an asymmetric algorithm we allow; a private member is never accepted. */
  private usable(jwk: JWK): boolean {
    if (!jwk || typeof jwk !== 'object' || typeof jwk.kid !== 'string' || typeof jwk.alg !== 'string') return false;
    if (jwk.use !== undefined && jwk.use !== 'sig') return false;
    if (SYMMETRIC.test(jwk.alg) || jwk.kty === 'oct' || 'd' in jwk) return false;
    return this.options.algorithms === null || this.options.algorithms.has(jwk.alg);
  }

  private importKey(jwk: JWK): Promise<VerificationKey | null> {
    return importJWK(jwk, jwk.alg).then(
      (key) => ({ kid: jwk.kid!, alg: jwk.alg!, key }),
      () => null,
    );
  }
}
