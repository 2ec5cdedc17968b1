import { Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { IdentityProviders } from '@identsphere/identities';
import { OidcClients } from '../oidc-clients';

/**
 * The provider's end_session_endpoint (OpenID Connect RP-Initiated Logout 1.0) for the browser to visit. We
 * keep no ID tokens (no `id_token_hint`): the request names our `client_id` and, when given, the
 * `post_logout_redirect_uri`, which must also be registered at the provider.
 */
@Injectable()
export class EndSessionUrl {
  private readonly logger = new Logger('Sso');

  constructor(
    private readonly providers: IdentityProviders,
    private readonly clients: OidcClients,
  ) {}

  /** Null when the provider is gone, has no end_session_endpoint, or cannot be reached for its metadata. */
  async of(providerId: string, postLogoutRedirectUri: string | null): Promise<string | null> {
    const provider = await this.providers.get(providerId);
    if (!provider) return null;
    let config: oidc.Configuration;
    try {
      config = (await this.clients.for(provider)).config;
    } catch {
      this.logger.warn(`sso logout: no end-session URL, provider=${providerId} unavailable`);
      return null;
    }
    if (!config.serverMetadata().end_session_endpoint) return null;
    const parameters = { client_id: provider.clientId, ...(postLogoutRedirectUri ? { post_logout_redirect_uri: postLogoutRedirectUri } : {}) };
    return oidc.buildEndSessionUrl(config, parameters).href;
  }
}
