import { DomainError } from '@identsphere/common';

export const AdminSupportErrors = {
  emailAlreadyVerified: () => new DomainError('email_already_verified', 'conflict', 'The account has already confirmed its email address.'),
};
