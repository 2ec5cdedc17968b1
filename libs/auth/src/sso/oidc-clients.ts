import { Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, JWTVerifyGetKey } from 'jose';
import * as oidc from 'openid-client';
import { ClientAssertionKey } from '@identsphere/crypto';
import { IdentityProvider, IdentityProviders } from '@identsphere/identities';
import { SsoRefusal } from './sso.errors';

/** Discovery is re-read after this long (and at once when the provider's settings change). */
const DISCOVERY_TTL_MS = 10 * 60 * 1000;
/** Seconds a provider may take to answer before the login ends with provider_unavailable. */
const PROVIDER_TIMEOUT_SECONDS = 5;

/** A provider ready to talk to: openid-client's configuration and its signing keys. */
export interface OidcClient {
  readonly config: oidc.Configuration;
  readonly keys: JWTVerifyGetKey;
}

interface CachedClient extends OidcClient {
  readonly version: string;
  readonly loadedAt: number;
}

/**
 * openid-client configurations, one per provider, from its discovery document. Cached per instance with a
 * TTL: discovery is one request, not one per login. The signing keys are a jose remote JWKS which re-reads
 * the provider's jwks_uri when an id_token names a key it has not seen: a provider that rotates its keys
 * keeps working (openid-client's own cache waits up to a minute before re-reading).
 */
@Injectable()
export class OidcClients {
  private readonly logger = new Logger('Sso');
  private readonly cache = new Map<string, CachedClient>();

  constructor(
    private readonly providers: IdentityProviders,
    private readonly assertionKey: ClientAssertionKey,
  ) {}

  /** Throws SsoRefusal('provider_unavailable') when discovery fails. */
  async for(provider: IdentityProvider): Promise<OidcClient> {
    const version = `${provider.issuer}|${provider.clientId}|${provider.authMethod}|${provider.updatedAt.toISOString()}`;
    const cached = this.cache.get(provider.id);
    if (cached && cached.version === version && Date.now() - cached.loadedAt < DISCOVERY_TTL_MS) return cached;
    const loaded = { ...(await this.discover(provider)), version, loadedAt: Date.now() };
    this.cache.set(provider.id, loaded);
    return loaded;
  }

  /** After a failed exchange with the provider, the next login discovers afresh. */
  forget(providerId: string): void {
    this.cache.delete(providerId);
  }

  private async discover(provider: IdentityProvider): Promise<OidcClient> {
    try {
      const auth = await this.clientAuth(provider);
      // The issuer was validated when the provider was configured: http only on loopback, outside production.
      const execute = new URL(provider.issuer).protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
      const config = await oidc.discovery(new URL(provider.issuer), provider.clientId, undefined, auth, { execute, timeout: PROVIDER_TIMEOUT_SECONDS });
      const jwksUri = config.serverMetadata().jwks_uri;
      if (!jwksUri) throw new Error('the discovery document has no jwks_uri');
      // cooldownDuration 0: an unknown kid re-reads the JWKS at once; id_tokens only ever come from the provider's token endpoint.
      const keys = createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: 0, timeoutDuration: PROVIDER_TIMEOUT_SECONDS * 1000 });
      return { config, keys };
    } catch (error) {
      this.logger.warn(`sso discovery failed provider=${provider.id}: ${(error as Error).message}`);
      throw new SsoRefusal('provider_unavailable', 'discovery_failed');
    }
  }

  /** How we authenticate at the provider's token endpoint. */
  private async clientAuth(provider: IdentityProvider): Promise<oidc.ClientAuth> {
    // A client assertion signed with our derived key, whose public half the provider reads from our jwks_uri.
    if (provider.authMethod === 'private_key_jwt') return oidc.PrivateKeyJwt({ key: await this.assertionKey.signingCryptoKey(), kid: this.assertionKey.kid });
    const secret = (await this.providers.clientSecret(provider.id)) ?? undefined;
    return provider.authMethod === 'client_secret_post' ? oidc.ClientSecretPost(secret) : oidc.ClientSecretBasic(secret);
  }
}

/** A provider that did not answer (connection refused, timeout) rather than one that answered with an error. */
export function isUnreachable(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return error instanceof TypeError || name === 'TimeoutError' || name === 'AbortError';
}
