import { DomainError } from '@identsphere/common';

export const SsoErrors = {
  invalidReturnTo: () => new DomainError('invalid_return_to', 'validation', 'returnTo must be a URL on an allowed origin.'),
  unknownProvider: () => new DomainError('unknown_provider', 'not_found', 'No identity provider has this id or owns this email domain.'),
  // One code for unknown, used, expired and other-browser states: the answer reveals nothing.
  invalidState: () => new DomainError('invalid_sso_state', 'validation', 'This sign-in has expired or was already used; start again.'),
  invalidCode: () => new DomainError('invalid_sso_code', 'validation', 'The one-time code is invalid, used or expired, or the code verifier does not match.'),
  invalidLink: () => new DomainError('invalid_sso_link', 'validation', 'The link offer is invalid, used or expired; sign in with the provider again.'),
  ssoRequired: (startUrl: string) => new DomainError('sso_required', 'forbidden', 'This email domain signs in with its identity provider.', { startUrl }),
};

/**
 * Why an SSO login ended without a session, as the `error` query parameter of the redirect to returnTo
 * (a browser navigation cannot read a problem body). Fixed values: docs/api.md lists them.
 */
export type SsoFailure = 'provider_unavailable' | 'sso_failed' | 'account_exists_link_required' | 'account_disabled' | 'email_not_verified';

/** Thrown inside the callback's steps; the controller turns it into the redirect with `error=<failure>`. */
export class SsoRefusal extends Error {
  constructor(
    readonly failure: SsoFailure,
    /** For the audit row only (a fixed word, never provider text). */
    readonly reason: string,
    readonly userId: string | null = null,
  ) {
    super(`sso refused: ${failure} (${reason})`);
    this.name = 'SsoRefusal';
  }
}
