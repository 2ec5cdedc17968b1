import { DomainError } from '@identsphere/common';

export const UserErrors = {
  emailTaken: () => new DomainError('email_taken', 'conflict', 'An account with this email already exists.'),
  notFound: () => new DomainError('not_found', 'not_found', 'No such user.'),
};
