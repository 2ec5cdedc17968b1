import { Injectable, Logger } from '@nestjs/common';
import { jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import type { IdentityProvider } from '@identsphere/identities';
import { isUnreachable, OidcClient, OidcClients } from './oidc-clients';
import { assertionOf, SsoAssertion } from './sso-assertion';
import { SsoRefusal } from './sso.errors';

export interface PendingCallback {
  readonly callbackUrl: URL;
  readonly codeVerifier: string;
  readonly state: string;
  readonly nonce: string;
}

/**
 * Redeems the authorization code: openid-client checks the response, state, PKCE, and the id_token's
 * issuer, audience, nonce, exp and iat; we add its signature against the provider's JWKS (OpenID Connect
 * lets a client skip that for a token fetched over TLS; we do not).
 */
@Injectable()
export class SsoAssertions {
  private readonly logger = new Logger('Sso');

  constructor(private readonly clients: OidcClients) {}

  async redeem(provider: IdentityProvider, pending: PendingCallback): Promise<SsoAssertion> {
    const client = await this.clients.for(provider);
    const tokens = await this.guard(provider, 'token_rejected', () =>
      oidc.authorizationCodeGrant(client.config, pending.callbackUrl, { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true }),
    );
    await this.guard(provider, 'bad_signature', () => this.verifySignature(client, provider, tokens.id_token!));
    const claims: Record<string, unknown> = { ...tokens.claims() };
    // Some providers (and oidc-provider by default) put profile claims only in userinfo for the code flow.
    if (claims[provider.claims.email] === undefined && tokens.access_token) {
      const userinfo = await this.guard(provider, 'userinfo_rejected', () => oidc.fetchUserInfo(client.config, tokens.access_token, String(claims.sub)));
      for (const [name, value] of Object.entries(userinfo)) if (claims[name] === undefined) claims[name] = value;
    }
    return assertionOf(provider, claims);
  }

  private async verifySignature(client: OidcClient, provider: IdentityProvider, idToken: string): Promise<void> {
    await jwtVerify(idToken, client.keys, { issuer: client.config.serverMetadata().issuer, audience: provider.clientId });
  }

  /** A provider that did not answer is provider_unavailable; any rejection is sso_failed (the reason is logged, never shown). */
  private async guard<T>(provider: IdentityProvider, reason: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (isUnreachable(error)) {
        this.clients.forget(provider.id);
        throw new SsoRefusal('provider_unavailable', 'provider_unreachable');
      }
      this.logger.warn(`sso ${reason} provider=${provider.id}: ${(error as Error).message}`);
      throw new SsoRefusal('sso_failed', reason);
    }
  }
}
