import { DomainError } from '@identsphere/common';

/** Why a back-channel logout token was refused: a fixed word for logs and metrics, never echoed to the caller. */
export type LogoutTokenFault = 'malformed' | 'unknown_issuer' | 'provider_unavailable' | 'signature' | 'claims' | 'events' | 'nonce' | 'subject' | 'jti' | 'replayed';

/** Thrown by the verifier; the flow counts it and answers 400 invalid_logout_token. */
export class LogoutTokenRefusal extends Error {
  constructor(readonly fault: LogoutTokenFault) {
    super(`logout token refused: ${fault}`);
    this.name = 'LogoutTokenRefusal';
  }
}

export const SsoLogoutErrors = {
  // One code for every refusal: the provider needs to know it failed (Back-Channel Logout 1.0 §2.8), not why.
  invalidLogoutToken: () => new DomainError('invalid_logout_token', 'validation', 'The logout token is not valid.'),
};
