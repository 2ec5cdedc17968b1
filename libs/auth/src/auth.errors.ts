import { DomainError } from '@identsphere/common';

export const AuthErrors = {
  // One body for "no such email" and "wrong password", so the answer reveals nothing.
  invalidCredentials: () => new DomainError('invalid_credentials', 'unauthorized', 'The email or password is incorrect.'),
  accountDisabled: () => new DomainError('account_disabled', 'forbidden', 'This account is disabled.'),
  csrfFailed: () => new DomainError('csrf_failed', 'forbidden', 'Cookie-authenticated requests need X-IdentSphere-CSRF: 1 and an allowed Origin.'),
  emailNotVerified: () => new DomainError('email_not_verified', 'forbidden', 'Confirm your email address before signing in.'),
  // One code for malformed, unknown, used, expired and wrong-purpose tokens: the answer reveals nothing.
  invalidToken: () => new DomainError('invalid_token', 'validation', 'The link is invalid or has expired; request a new one.'),
};
