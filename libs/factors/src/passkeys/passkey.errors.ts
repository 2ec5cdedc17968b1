import { DomainError } from '@identsphere/common';

export const PasskeyErrors = {
  // One code for every registration failure: which check failed is logged, never told.
  invalid: () => new DomainError('passkey_invalid', 'validation', 'The passkey could not be registered; start again.'),
  // One code for every refused assertion, so a caller learns nothing about which passkeys exist.
  rejected: () => new DomainError('passkey_rejected', 'unauthorized', 'The passkey was not accepted.'),
};
