import { DomainError } from '@identsphere/common';

export const SessionErrors = {
  expired: () => new DomainError('session_expired', 'unauthorized', 'The session has expired; sign in again.'),
  revoked: () => new DomainError('session_revoked', 'unauthorized', 'The session was revoked; sign in again.'),
  reused: () => new DomainError('refresh_token_reused', 'unauthorized', 'This refresh token was already used; the session has been revoked.'),
  invalidToken: () => new DomainError('unauthorized', 'unauthorized', 'A valid refresh token is required.'),
  notFound: () => new DomainError('not_found', 'not_found', 'No such session.'),
};
