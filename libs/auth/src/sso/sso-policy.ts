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
    const provider = await this.providers.forDomain(emailDomainOf(email));
    if (!provider?.enforceSso) return;
    const startUrl = new URL(`${this.config.http.publicBaseUrl.replace(/\/+$/, '')}/v1/auth/sso/start`);
    startUrl.searchParams.set('provider', provider.id);
    throw SsoErrors.ssoRequired(startUrl.href);
  }
}
