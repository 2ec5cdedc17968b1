import { DomainError, FieldError } from './domain-error';

/** Errors that several libs raise; each lib keeps its own in `x.errors.ts`. */
export const CommonErrors = {
  validationFailed: (errors: readonly FieldError[]) =>
    new DomainError('validation_failed', 'validation', 'The request is not valid.', { errors }),
  notFound: (what = 'resource') => new DomainError('not_found', 'not_found', `No such ${what}.`),
  unauthorized: (invalid: boolean) =>
    new DomainError('unauthorized', 'unauthorized', invalid ? 'The access token is invalid, expired or revoked.' : 'An access token is required.', {
      headers: { 'WWW-Authenticate': invalid ? 'Bearer error="invalid_token"' : 'Bearer' },
    }),
  /** Authenticated, but not allowed: `needed` names the role or scope that would be (never the caller's own). */
  forbidden: (needed: string) => new DomainError('forbidden', 'forbidden', `This operation needs the ${needed}.`),
  unavailable: (retryAfterSeconds = 5) =>
    new DomainError('unavailable', 'unavailable', 'The database is unreachable; try again shortly.', { retryAfterSeconds }),
  rateLimited: (retryAfterSeconds: number) =>
    new DomainError('rate_limited', 'rate_limited', 'Too many attempts; try again later.', { retryAfterSeconds }),
};
