import { VerifyError, type VerifyFailureReason } from './errors.js';

/** An RFC 9457 problem in IdentSphere's shape (docs/api.md, Errors). */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly requestId?: string;
}

export interface ProblemResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Problem;
}

// What the client is told: enough to act on (sign in again, refresh, ask for access), nothing about the checks.
const DETAIL: Partial<Record<VerifyFailureReason, string>> = {
  missing: 'An access token is required.',
  expired: 'The access token has expired.',
  insufficient_role: 'The access token lacks a role this operation requires.',
  insufficient_scope: 'The access token lacks a scope this operation requires.',
  keys_unavailable: 'The access token cannot be checked right now; try again later.',
  introspection_unavailable: 'The access token cannot be checked right now; try again later.',
};
const INVALID_DETAIL = 'The access token is not valid.';
const TITLE: Record<string, string> = { unauthorized: 'Unauthorized', forbidden: 'Forbidden', unavailable: 'Unavailable', internal: 'Internal' };
const RETRY_AFTER_SECONDS = '5';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The client's X-Request-Id when it is well-formed (as the service does), a fresh UUID otherwise. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : globalThis.crypto.randomUUID();
}

/**
 * The answer to a refused request: 401 with `WWW-Authenticate: Bearer` (plus `error="invalid_token"` when a
 * token was presented, RFC 6750 §3.1), 403 with `error="insufficient_scope"`, 503 with `Retry-After`. Anything
 * that is not a VerifyError is a bug of ours and answers 500 `internal` without detail.
 */
export function problemFor(error: unknown, requestId: string): ProblemResponse {
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store' };
  if (!(error instanceof VerifyError)) {
    return { status: 500, headers, body: body('internal', 500, 'An unexpected error occurred.', requestId) };
  }
  if (error.code === 'unauthorized') headers['WWW-Authenticate'] = error.reason === 'missing' ? 'Bearer' : 'Bearer error="invalid_token"';
  if (error.code === 'forbidden') headers['WWW-Authenticate'] = 'Bearer error="insufficient_scope"';
  if (error.code === 'unavailable') headers['Retry-After'] = RETRY_AFTER_SECONDS;
  return { status: error.status, headers, body: body(error.code, error.status, DETAIL[error.reason] ?? INVALID_DETAIL, requestId) };
}

function body(code: string, status: number, detail: string, requestId: string): Problem {
  return { type: `urn:identsphere:problem:${code}`, title: TITLE[code] ?? code, status, detail, code, requestId };
}
