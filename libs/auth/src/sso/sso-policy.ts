import { Injectable } from '@nestjs/common';
import { AppConfig } from '@identsphere/config';
import { IdentityProviders } from '@identsphere/identities';
import { emailDomainOf } from './email-domain';
import { SsoErrors } from './sso.errors';

/**
 * An organisation can require SSO for its domain (enforceSso): password login, signup and passkey sign-in
 * for such an address answer 403 sso_required with the start URL, so no credential of ours bypasses the
 * company's provider. A property of the domain, not of an account, so the answer reveals nothing about
 * which accounts exist.
 */
@Injectable()
export class SsoPolicy {
  constructor(
    private readonly providers: IdentityProviders,
    private readonly config: AppConfig,
  ) {}

  async assertLocalSignInAllowed(email: string): Promise<void> {
    this.assertAllowedBy(await this.providers.forDomain(emailDomainOf(email)));
  }

  /**
   * The domain's enforcing provider as a CTE body (columns `sso_provider_id`, `sso_enforced`), for login's
   * admission statement, which reads it in the same round trip as the throttles; judge it with assertAllowedBy.
   */
  enforcingProviderSql(email: string, bind: (value: unknown) => string): string {
    return `SELECT p.id AS sso_provider_id, p.enforce_sso AS sso_enforced FROM identity_providers p
      JOIN identity_provider_domains o ON o.provider_id = p.id WHERE o.domain = ${bind(emailDomainOf(email).trim().toLowerCase())}::text`;
  }

  /** Throws 403 sso_required when the domain's provider enforces SSO. */
  assertAllowedBy(provider: { readonly id: string; readonly enforceSso: boolean } | null): void {
    if (!provider?.enforceSso) return;
    const startUrl = new URL(`${this.config.http.publicBaseUrl.replace(/\/+$/, '')}/v1/auth/sso/start`);
    startUrl.searchParams.set('provider', provider.id);
    throw SsoErrors.ssoRequired(startUrl.href);
  }
}
