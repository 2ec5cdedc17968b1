import { Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import { ClientContext } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { SecretBox, sha256Digest } from '@identsphere/crypto';
import { IdentityProvider, IdentityProviders, ssoRedirectUri } from '@identsphere/identities';
import { RateLimiter } from '@identsphere/rate-limit';
import { emailDomainOf } from './email-domain';
import { OidcClients } from './oidc-clients';
import { SsoLoginsRepository, SsoMode } from './persistence/sso-logins.repository';
import { ReturnToPolicy, withQuery } from './return-to-policy';
import { SSO_LOGIN_TTL_SECONDS } from './sso-browser-cookie';
import { SsoErrors, SsoRefusal } from './sso.errors';
import { SsoOutcomes } from './sso-outcomes';

export interface SsoStartInput {
  readonly provider?: string;
  readonly email?: string;
  readonly returnTo: string;
  readonly mode: SsoMode;
  /** Bearer mode: S256 challenge of the client's verifier, checked at POST /v1/auth/sso/exchange. */
  readonly codeChallenge?: string;
}

/** GET /v1/auth/sso/start: a pending login stored server-side, then the browser goes to the provider. */
@Injectable()
export class SsoStartFlow {
  private readonly verifierBox: SecretBox;

  constructor(
    private readonly providers: IdentityProviders,
    private readonly clients: OidcClients,
    private readonly logins: SsoLoginsRepository,
    private readonly returnTo: ReturnToPolicy,
    private readonly outcomes: SsoOutcomes,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {
    this.verifierBox = new SecretBox(config.tokens.secret, 'sso-pkce-verifier');
  }

  /** `browserToken`: the binding cookie's value (set by the caller). Returns where to send the browser. */
  async start(input: SsoStartInput, browserToken: string, client: ClientContext): Promise<string> {
    const returnTo = this.returnTo.check(input.returnTo);
    // Every start writes a row before anyone is authenticated: bounded per client IP like signups.
    const { ipMaxAttempts, ipWindowSeconds } = this.config.throttling;
    await this.limiter.consume('sso-start-ip', client.ip, { max: ipMaxAttempts, windowSeconds: ipWindowSeconds });
    const provider = await this.providerFor(input);
    try {
      const { config } = await this.clients.for(provider);
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      await this.logins.create({
        stateDigest: sha256Digest(state),
        browserDigest: sha256Digest(browserToken),
        providerId: provider.id,
        codeVerifierSealed: this.verifierBox.seal(codeVerifier),
        nonce,
        returnTo,
        mode: input.mode,
        clientCodeChallenge: input.codeChallenge ?? null,
        ttlSeconds: SSO_LOGIN_TTL_SECONDS,
      });
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: ssoRedirectUri(this.config),
        scope: provider.scopes.join(' '),
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ...(input.email ? { login_hint: input.email } : {}),
      });
      return url.href;
    } catch (error) {
      if (!(error instanceof SsoRefusal)) throw error;
      await this.outcomes.failed(provider.id, error, client);
      return withQuery(returnTo, { error: error.failure });
    }
  }

  /** Opens the sealed PKCE verifier of a claimed login. */
  codeVerifierOf(sealed: string): string {
    return this.verifierBox.open(sealed);
  }

  /** By id, or home-realm discovery: the provider that owns the email's domain. */
  private async providerFor(input: SsoStartInput): Promise<IdentityProvider> {
    const provider = input.provider ? await this.providers.get(input.provider) : input.email ? await this.providers.forDomain(emailDomainOf(input.email)) : null;
    if (!provider) throw SsoErrors.unknownProvider();
    return provider;
  }
}
