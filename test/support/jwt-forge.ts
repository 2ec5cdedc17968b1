import { SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair, type JWTPayload, type JWTHeaderParameters, exportJWK } from 'jose';

/** Hand-made and re-signed JWTs for attack tests: what an attacker holding a real token could send. */

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface JwtParts {
  readonly header: Record<string, any>;
  readonly payload: Record<string, any>;
  readonly signature: string;
}

export function partsOf(token: string): JwtParts {
  return { header: decodeProtectedHeader(token) as Record<string, any>, payload: decodeJwt(token) as Record<string, any>, signature: token.split('.')[2] };
}

/** `alg: none` with an empty signature. */
export function unsecured(header: Record<string, any>, payload: Record<string, any>): string {
  return `${b64url({ ...header, alg: 'none' })}.${b64url(payload)}.`;
}

/** The same header and signature with a different payload. */
export function tamperPayload(token: string, changes: Record<string, any>): string {
  const [h, , s] = token.split('.');
  return `${h}.${b64url({ ...decodeJwt(token), ...changes })}.${s}`;
}

/** HMAC-SHA256 over the given header/payload with raw key bytes (algorithm-confusion and HS256 forging). */
export function signHs256(header: Record<string, any>, payload: Record<string, any>, key: string | Uint8Array): Promise<string> {
  const bytes = typeof key === 'string' ? new TextEncoder().encode(key) : key;
  return new SignJWT(payload as JWTPayload).setProtectedHeader({ ...header, alg: 'HS256' } as JWTHeaderParameters).sign(bytes);
}

/** Signs with a freshly generated key of the attacker; optionally embeds its public JWK in the header. */
export async function signWithOwnKey(
  header: Record<string, any>,
  payload: Record<string, any>,
  options: { embedJwk?: boolean } = {},
): Promise<string> {
  const alg = header.alg === 'none' ? 'ES256' : header.alg;
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const extra = options.embedJwk ? { jwk: await exportJWK(publicKey) } : {};
  return new SignJWT(payload as JWTPayload).setProtectedHeader({ ...header, ...extra, alg } as JWTHeaderParameters).sign(privateKey);
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Moves the process clock (Date.now and `new Date()`) forward while `fn` runs. The app under test runs in
 * this process, so its token verifier sees the moved clock: an expired token without a long sleep.
 */
export async function withClockAhead<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args: any[]) {
      if (args.length === 0) super(RealDate.now() + ms);
      else super(...(args as [any]));
    }
    static override now() {
      return RealDate.now() + ms;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
  }
}
