import { DomainError } from '@identsphere/common';

export const FactorErrors = {
  totpAlreadyEnabled: () => new DomainError('totp_already_enabled', 'conflict', 'An authenticator app is already set up; remove it first.'),
  totpEnrolmentNotStarted: () =>
    new DomainError('totp_enrolment_not_started', 'conflict', 'No authenticator app is waiting for confirmation; start the enrolment first.'),
  mfaNotEnabled: () => new DomainError('mfa_not_enabled', 'conflict', 'Set up a second factor (authenticator app or passkey) first.'),
  invalidTotpCode: () => new DomainError('invalid_totp_code', 'validation', 'The code is wrong or expired.'),
};
