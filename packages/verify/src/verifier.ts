import { base64url, decodeProtectedHeader, jwtVerify, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import type { AccessTokenClaims } from './claims.js';
import { VerifyError } from './errors.js';
import { Introspector, type IntrospectionOptions } from './introspection.js';
import { JwksCache, type VerificationKey } from './jwks-cache.js';

export interface VerifierOptions {
  /** The service's public base URL (its `iss`), e.g. `https://auth.example.com`. */
  readonly issuer: string;
  /** Expected `aud` (IDENTSPHERE_JWT_AUDIENCE); default the issuer, as the service's default. */
  readonly audience?: string | string[];
  /** Default `<issuer>/.well-known/jwks.json`. */
  readonly jwksUri?: string;
  /**
   * Allowed signature algorithms. Default: whatever asymmetric algorithm each published key declares
   * (ES256, EdDSA or RS256). `none` and the HS* family are never accepted with a JWKS (algorithm confusion).
   */
  readonly algorithms?: readonly string[];
  /**
   * Only for a service signing with `IDENTSPHERE_JWT_ALG=HS256` (which publishes no keys): the key printed by
   * `cli.js hs256-key` (base64url) or its bytes. Then HS256 is the one algorithm accepted and no JWKS is used.
   */
  readonly hs256Key?: string | Uint8Array;
  /** Expected `typ` header; default `at+jwt` (RFC 9068), what the service issues. */
  readonly typ?: string;
  /** Leeway for `exp`, `nbf` and `iat` against clock skew, in seconds (default 5). */
  readonly clockToleranceSeconds?: number;
  /** At most one JWKS fetch caused by unknown kids per this many seconds (default 30). */
  readonly jwksRefetchIntervalSeconds?: number;
  /** How long the JWKS is kept when the answer carries no max-age, in seconds (default 300). */
  readonly jwksDefaultMaxAgeSeconds?: number;
  /** Timeout of each call to the issuer, in milliseconds (default 5000). */
  readonly timeoutMs?: number;
  /** RFC 7662 introspection after the local checks, for instant revocation (a call per token per cache window). */
  readonly introspection?: IntrospectionOptions;
  /** For tests and custom agents; default the global fetch. */
  readonly fetch?: typeof globalThis.fetch;
  /** Milliseconds since the epoch; default Date.now. */
  readonly clock?: () => number;
}

export interface Verifier {
  /** Resolves to the token's claims, or rejects with a VerifyError (never with the token in its message). */
  verify(token: string): Promise<AccessTokenClaims>;
  readonly issuer: string;
  /** Counters of calls to the issuer, for metrics. */
  stats(): { jwksFetches: number; introspections: number };
}

// Larger than any token the service issues (about 1 kB); a bound before any parsing.
const MAX_TOKEN_LENGTH = 8192;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const NEVER_WITH_JWKS = /^(none|HS\d+)$/i;
const REQUIRED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'iat', 'jti'];

export function createVerifier(options: VerifierOptions): Verifier {
  const issuer = options.issuer;
  if (!issuer) throw new TypeError('createVerifier: issuer is required');
  const hmacKey = options.hs256Key === undefined ? null : hs256KeyOf(options.hs256Key);
  const refused = (options.algorithms ?? []).filter((alg) => (hmacKey ? alg !== 'HS256' : NEVER_WITH_JWKS.test(alg)));
  if (refused.length) throw new TypeError(`createVerifier: ${refused.join(', ')} cannot be verified with ${hmacKey ? 'an HS256 key' : 'a JWKS (public keys)'}`);
  const algorithms = options.algorithms ? new Set(options.algorithms) : null;
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const clock = options.clock ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 5000;
  const base = issuer.replace(/\/+$/, '');
  const jwks = new JwksCache({
    jwksUri: options.jwksUri ?? `${base}/.well-known/jwks.json`,
    algorithms,
    refetchIntervalMs: (options.jwksRefetchIntervalSeconds ?? 30) * 1000,
    defaultMaxAgeMs: (options.jwksDefaultMaxAgeSeconds ?? 300) * 1000,
    timeoutMs,
    fetch: fetchFn,
    clock,
  });
  const introspector = options.introspection
    ? new Introspector(options.introspection.url ?? `${base}/oauth/introspect`, options.introspection, fetchFn, clock, timeoutMs)
    : null;
  const expected = {
    issuer,
    audience: options.audience ? [...[options.audience].flat()] : issuer,
    typ: options.typ ?? 'at+jwt',
    clockTolerance: options.clockToleranceSeconds ?? 5,
  };

  async function verify(token: string): Promise<AccessTokenClaims> {
    if (typeof token !== 'string' || !token) throw new VerifyError('missing', 'no access token');
    if (token.length > MAX_TOKEN_LENGTH || !JWT_SHAPE.test(token)) throw new VerifyError('malformed', 'not a compact JWS');
    const header = headerOf(token);
    const payload = await checkedPayload(token, hmacKey ? hmacKeyFor(header, hmacKey) : await publishedKeyFor(header));
    const claims = shapeOf(payload);
    if (introspector) await introspector.assertActive(token, claims.jti, claims.exp * 1000);
    return claims;
  }

  async function publishedKeyFor(header: ProtectedHeaderParameters): Promise<VerificationKey> {
    if (typeof header.alg !== 'string' || NEVER_WITH_JWKS.test(header.alg) || (algorithms && !algorithms.has(header.alg))) {
      throw new VerifyError('algorithm', 'the token\'s algorithm is not allowed');
    }
    if (typeof header.kid !== 'string' || !header.kid) throw new VerifyError('unknown_key', 'the token names no key');
    const key = await jwks.keyFor(header.kid);
    if (!key) throw new VerifyError('unknown_key', 'the token names a key the issuer does not publish');
    // The key decides the algorithm, never the token: an RS256 key is not used for PS256, an EC key never for HMAC.
    if (key.alg !== header.alg) throw new VerifyError('algorithm', 'the token\'s algorithm does not match its key');
    return key;
  }

  async function checkedPayload(token: string, key: VerificationKey): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, key.key, {
        algorithms: [key.alg],
        issuer: expected.issuer,
        audience: expected.audience,
        typ: expected.typ,
        clockTolerance: expected.clockTolerance,
        currentDate: new Date(clock()),
        requiredClaims: REQUIRED_CLAIMS,
      });
      return payload;
    } catch (error) {
      throw fromJose(error);
    }
  }

  return { verify, issuer, stats: () => ({ jwksFetches: jwks.fetchCount, introspections: introspector?.requestCount ?? 0 }) };
}

// The service's HS256 key is 32 bytes (HKDF-SHA256); anything shorter is a mistake, e.g. a truncated copy.
const MIN_HS256_KEY_BYTES = 32;

function hs256KeyOf(key: string | Uint8Array): Uint8Array {
  const bytes = typeof key === 'string' ? base64url.decode(key.trim()) : key;
  if (bytes.length < MIN_HS256_KEY_BYTES) throw new TypeError(`createVerifier: hs256Key must be at least ${MIN_HS256_KEY_BYTES} bytes (the output of cli.js hs256-key)`);
  return bytes;
}

/** With a shared key the only acceptable algorithm is HS256, whatever the token claims. */
function hmacKeyFor(header: ProtectedHeaderParameters, key: Uint8Array): VerificationKey {
  if (header.alg !== 'HS256') throw new VerifyError('algorithm', 'the token\'s algorithm is not allowed');
  return { kid: typeof header.kid === 'string' ? header.kid : '', alg: 'HS256', key };
}

function headerOf(token: string): ProtectedHeaderParameters {
  try {
    return decodeProtectedHeader(token);
  } catch {
    throw new VerifyError('malformed', 'the token header is not readable');
  }
}

/** jose's failures in our vocabulary (matched on its stable error codes, not on class identity). */
function fromJose(error: unknown): VerifyError {
  const { code, claim } = (error ?? {}) as { code?: string; claim?: string };
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return new VerifyError('expired', 'the token has expired');
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return new VerifyError('signature', 'the token\'s signature is not valid');
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return new VerifyError('algorithm', 'the token\'s algorithm is not allowed');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'iss') return new VerifyError('issuer', 'the token was issued by someone else');
      if (claim === 'aud') return new VerifyError('audience', 'the token is meant for another audience');
      if (claim === 'typ') return new VerifyError('type', 'the token is not an access token');
      if (claim === 'nbf') return new VerifyError('not_yet_valid', 'the token is not valid yet');
      return new VerifyError('claims', `the token's "${claim ?? 'unknown'}" claim is not acceptable`);
    default:
      return new VerifyError('malformed', 'the token could not be read');
  }
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** The checked payload as typed claims; anything of the wrong type is refused rather than passed on. */
function shapeOf(payload: JWTPayload): AccessTokenClaims {
  const roles = payload.roles ?? [];
  if (!isStringArray(roles)) throw new VerifyError('claims', 'the token\'s "roles" claim is not a list of strings');
  if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string') throw new VerifyError('claims', 'the token lacks "sub" or "jti"');
  if (payload.amr !== undefined && !isStringArray(payload.amr)) throw new VerifyError('claims', 'the token\'s "amr" claim is not a list of strings');
  if (payload.scope !== undefined && typeof payload.scope !== 'string') throw new VerifyError('claims', 'the token\'s "scope" claim is not a string');
  return { ...(payload as AccessTokenClaims), roles };
}
