import { DomainError } from '@identsphere/common';

export const IdentityErrors = {
  providerNotFound: () => new DomainError('not_found', 'not_found', 'No such identity provider.'),
  providerExists: () => new DomainError('identity_provider_exists', 'conflict', 'An identity provider with this id exists already.'),
  // Domains are not secret (they are the organisation's email domains), so naming them helps the operator.
  domainTaken: (domains: readonly string[]) => new DomainError('domain_taken', 'conflict', `Another identity provider owns ${domains.join(', ')}.`),
  managedByEnvironment: () =>
    new DomainError('identity_provider_managed_by_env', 'conflict', 'This identity provider is seeded from IDENTSPHERE_OIDC_PROVIDERS: change it there, not through the API.'),
  alreadyLinked: () => new DomainError('identity_already_linked', 'conflict', 'This account at the identity provider is linked to another user.'),
};
