import { DomainError } from '@identsphere/common';

export const AuthErrors = {
  // One body for "no such email" and "wrong password", so the answer reveals nothing.
  invalidCredentials: () => new DomainError('invalid_credentials', 'unauthorized', 'The email or password is incorrect.'),
  accountDisabled: () => new DomainError('account_disabled', 'forbidden', 'This account is disabled.'),
  csrfFailed: () => new DomainError('csrf_failed', 'forbidden', 'Cookie-authenticated requests need X-IdentSphere-CSRF: 1 and an allowed Origin.'),
  emailNotVerified: () => new DomainError('email_not_verified', 'forbidden', 'Confirm your email address before signing in.'),
  // One code for malformed, unknown, used, expired and wrong-purpose tokens: the answer reveals nothing.
  invalidToken: () => new DomainError('invalid_token', 'validation', 'The link is invalid or has expired; request a new one.'),
  // One code for unknown, expired, used and dead mfaTokens: the client's only way on is to sign in again.
  invalidMfaToken: () => new DomainError('invalid_mfa_token', 'unauthorized', 'The sign-in step has expired or was already used; sign in again.'),
  invalidCode: () => new DomainError('invalid_code', 'unauthorized', 'The code or passkey was not accepted.'),
  methodNotAvailable: (methods: readonly string[]) =>
    new DomainError('method_not_available', 'validation', 'This sign-in method is not set up for the account.', { methods }),
  stepUpRequired: (methods: readonly string[]) =>
    new DomainError('step_up_required', 'forbidden', 'Confirm it is you again (POST /v1/auth/step-up) before this operation.', { methods }),
  mfaEnrollmentRequired: () =>
    new DomainError('mfa_enrollment_required', 'forbidden', 'Set up a second factor first, then step up to use the rest of the account.'),
};
