import { VerifyError } from './errors.js';

export interface IntrospectionOptions {
  /** RFC 7662 endpoint; default `<issuer>/oauth/introspect`. */
  readonly url?: string;
  /** A machine client with the `introspect` scope (POST /v1/admin/clients). */
  readonly clientId: string;
  readonly clientSecret: string;
  /**
   * How long one answer is reused, in seconds (default 5): a revocation is seen within this delay, and a
   * busy resource server asks the issuer at most once per token per window.
   */
  readonly cacheSeconds?: number;
}

interface CachedAnswer {
  readonly active: boolean;
  readonly until: number;
}

// Bounds the memory a flood of distinct valid tokens can take; the oldest answers go first.
const MAX_CACHED_ANSWERS = 10_000;

/**
 * Asks the issuer whether a locally verified token is still active (its session not ended, its account or
 * client not disabled). It fails closed: when the issuer cannot answer, the token is not accepted.
 */
export class Introspector {
  private readonly cache = new Map<string, CachedAnswer>();
  private readonly authorization: string;
  private readonly cacheMs: number;
  /** How many times the endpoint was called (for metrics and tests). */
  requestCount = 0;

  constructor(
    private readonly url: string,
    options: IntrospectionOptions,
    private readonly fetchFn: typeof globalThis.fetch,
    private readonly clock: () => number,
    private readonly timeoutMs: number,
  ) {
    // client_secret_basic: id and secret form-encoded, then base64 (RFC 6749 §2.3.1).
    const pair = `${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`;
    this.authorization = `Basic ${btoa(pair)}`;
    this.cacheMs = Math.max(0, options.cacheSeconds ?? 5) * 1000;
  }

  /** Throws `revoked` for an inactive token. `cacheKey` is the token's verified jti; `expMs` bounds the cache. */
  async assertActive(token: string, cacheKey: string, expMs: number): Promise<void> {
    const now = this.clock();
    const cached = this.cache.get(cacheKey);
    const active = cached && cached.until > now ? cached.active : await this.ask(token, cacheKey, now, expMs);
    if (!active) throw new VerifyError('revoked', 'the issuer reports the token as inactive');
  }

  private async ask(token: string, cacheKey: string, now: number, expMs: number): Promise<boolean> {
    this.requestCount += 1;
    let res: Response;
    try {
      res = await this.fetchFn(this.url, {
        method: 'POST',
        headers: { authorization: this.authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new VerifyError('introspection_unavailable', `introspection failed: ${(error as Error).message}`);
    }
    // 401/403 here mean our own client credentials or scope are wrong: a configuration error, not the token's.
    if (!res.ok) throw new VerifyError('introspection_unavailable', `introspection answered ${res.status}`);
    const body = (await res.json().catch(() => null)) as { active?: unknown } | null;
    if (!body || typeof body.active !== 'boolean') throw new VerifyError('introspection_unavailable', 'introspection answer has no boolean "active"');
    this.remember(cacheKey, { active: body.active, until: Math.min(now + this.cacheMs, expMs) });
    return body.active;
  }

  private remember(key: string, answer: CachedAnswer): void {
    if (this.cacheMs === 0) return;
    if (this.cache.size >= MAX_CACHED_ANSWERS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, answer);
  }
}
