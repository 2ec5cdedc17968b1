/**
 * What went wrong, independent of transport. The HTTP edge maps each kind to a status in one place
 * (apps/identsphere/src/http/problem-details.filter.ts); domain code never picks status codes.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'overloaded'
  | 'unavailable';

export interface FieldError {
  readonly field: string;
  readonly message: string;
  readonly rule?: string;
}

export interface DomainErrorOptions {
  readonly errors?: readonly FieldError[];
  /** Seconds the client should wait; required for rate_limited, overloaded and unavailable. */
  readonly retryAfterSeconds?: number;
  /** Sign-in methods that would be accepted, answered as the problem's `methods` extension member. */
  readonly methods?: readonly string[];
  /** Where to sign in instead (sso_required: the SSO start URL), answered as the problem's `startUrl` member. */
  readonly startUrl?: string;
  /** Extra response headers, e.g. WWW-Authenticate. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An expected failure with a stable machine-readable `code` that clients switch on. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    readonly detail: string,
    readonly options: DomainErrorOptions = {},
  ) {
    super(`${code}: ${detail}`);
    this.name = 'DomainError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
