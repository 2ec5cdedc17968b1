/**
 * Why a token was refused. `reason` is for the resource server's own logs and metrics; clients only ever see
 * `code` (the same codes IdentSphere answers with) and a short `detail`.
 */
export type VerifyFailureReason =
  | 'missing'
  | 'malformed'
  | 'algorithm'
  | 'unknown_key'
  | 'signature'
  | 'type'
  | 'issuer'
  | 'audience'
  | 'expired'
  | 'not_yet_valid'
  | 'claims'
  | 'revoked'
  | 'insufficient_role'
  | 'insufficient_scope'
  | 'keys_unavailable'
  | 'introspection_unavailable';

/** The problem codes a resource server answers with; they match IdentSphere's own (docs/api.md, Codes). */
export type VerifyProblemCode = 'unauthorized' | 'forbidden' | 'unavailable';

const CODE_OF: Record<VerifyFailureReason, VerifyProblemCode> = {
  missing: 'unauthorized',
  malformed: 'unauthorized',
  algorithm: 'unauthorized',
  unknown_key: 'unauthorized',
  signature: 'unauthorized',
  type: 'unauthorized',
  issuer: 'unauthorized',
  audience: 'unauthorized',
  expired: 'unauthorized',
  not_yet_valid: 'unauthorized',
  claims: 'unauthorized',
  revoked: 'unauthorized',
  insufficient_role: 'forbidden',
  insufficient_scope: 'forbidden',
  keys_unavailable: 'unavailable',
  introspection_unavailable: 'unavailable',
};

const STATUS_OF: Record<VerifyProblemCode, number> = { unauthorized: 401, forbidden: 403, unavailable: 503 };

/** A refused token (or a verifier that cannot decide). Never carries the token itself. */
export class VerifyError extends Error {
  readonly code: VerifyProblemCode;
  readonly status: number;

  constructor(
    readonly reason: VerifyFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'VerifyError';
    this.code = CODE_OF[reason];
    this.status = STATUS_OF[this.code];
  }
}

export const isVerifyError = (error: unknown): error is VerifyError => error instanceof VerifyError;
