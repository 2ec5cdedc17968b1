import { Injectable } from '@nestjs/common';
import type { ClientContext } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { randomToken, sha256Digest } from '@identsphere/crypto';
import { IdentityProviders, ssoRedirectUri } from '@identsphere/identities';
import type { User } from '@identsphere/users';
import type { SignedIn } from '../flows/session-issuer';
import { ClaimedSsoLogin, SsoLoginsRepository } from './persistence/sso-logins.repository';
import { withQuery } from './return-to-policy';
import { federatedAmr, SsoAssertion } from './sso-assertion';
import { SsoAccounts } from './sso-accounts';
import { SsoAssertions } from './sso-assertions';
import { SsoOutcomes } from './sso-outcomes';
import { SsoSessions } from './sso-sessions';
import { SsoStartFlow } from './sso-start.flow';
import { SsoErrors, SsoRefusal } from './sso.errors';

/** How long a bearer-mode client has to exchange its one-time code. */
export const SSO_EXCHANGE_TTL_SECONDS = 120;
/** How long the owner of an existing account has to prove the password and link the identity. */
export const SSO_LINK_TTL_SECONDS = 600;

/** Where the browser goes next; `signedIn` (cookie mode) means the refresh cookie is to be set on the way. */
export interface SsoCallbackResult {
  readonly location: string;
  readonly signedIn: SignedIn | null;
}

/** GET /v1/auth/sso/callback: the provider sends the browser back with a code for the pending login. */
@Injectable()
export class SsoCallbackFlow {
  constructor(
    private readonly logins: SsoLoginsRepository,
    private readonly providers: IdentityProviders,
    private readonly assertions: SsoAssertions,
    private readonly accounts: SsoAccounts,
    private readonly sessions: SsoSessions,
    private readonly start: SsoStartFlow,
    private readonly outcomes: SsoOutcomes,
    private readonly config: AppConfig,
  ) {}

  /** `query`: the callback's query string as received; `browserToken`: the binding cookie set at start. */
  async callback(query: Record<string, string>, browserToken: string | null, client: ClientContext): Promise<SsoCallbackResult> {
    const login = query.state && browserToken ? await this.logins.claim(sha256Digest(query.state), sha256Digest(browserToken)) : null;
    if (!login) {
      await this.outcomes.invalidState(client);
      throw SsoErrors.invalidState();
    }
    try {
      return await this.finish(login, query, client);
    } catch (error) {
      if (!(error instanceof SsoRefusal)) throw error;
      await this.outcomes.failed(login.providerId, error, client);
      return { location: withQuery(login.returnTo, { error: error.failure }), signedIn: null };
    }
  }

  private async finish(login: ClaimedSsoLogin, query: Record<string, string>, client: ClientContext): Promise<SsoCallbackResult> {
    const provider = await this.providers.get(login.providerId);
    if (!provider) throw new SsoRefusal('sso_failed', 'provider_removed');
    // The user cancelled or the provider refused (error=access_denied...): nothing to redeem.
    if (query.error) throw new SsoRefusal('sso_failed', 'provider_error');
    const callbackUrl = new URL(ssoRedirectUri(this.config));
    for (const [name, value] of Object.entries(query)) callbackUrl.searchParams.set(name, value);
    const assertion = await this.assertions.redeem(provider, { callbackUrl, codeVerifier: this.start.codeVerifierOf(login.codeVerifierSealed), state: query.state, nonce: login.nonce });
    const amr = federatedAmr(assertion.amr);
    let user: User;
    try {
      user = await this.accounts.resolve(provider, assertion, client);
    } catch (error) {
      if (error instanceof SsoRefusal && error.failure === 'account_exists_link_required') return this.offerLink(login, assertion, amr, error, client);
      throw error;
    }
    const refusal = this.sessions.refusalOf(user);
    if (refusal) throw refusal;
    if (login.mode === 'bearer') {
      // Tokens never travel in a URL: the app gets a one-time code to exchange with its PKCE verifier.
      const code = randomToken(32);
      await this.logins.awaitExchange(login.id, { exchangeDigest: sha256Digest(code), userId: user.id, amr, idpSid: assertion.sid, ttlSeconds: SSO_EXCHANGE_TTL_SECONDS });
      return { location: withQuery(login.returnTo, { code }), signedIn: null };
    }
    return { location: login.returnTo, signedIn: await this.sessions.start(user, provider.id, amr, assertion.sid, client) };
  }

  /**
   * The address belongs to an account the provider may not claim: refused, but the owner can still link by
   * proving the account's password (POST /v1/auth/sso/link with the link token the SPA gets in returnTo).
   */
  private async offerLink(login: ClaimedSsoLogin, assertion: SsoAssertion, amr: readonly string[], refusal: SsoRefusal, client: ClientContext): Promise<SsoCallbackResult> {
    await this.outcomes.failed(login.providerId, refusal, client);
    const linkToken = randomToken(32);
    const offer = { linkDigest: sha256Digest(linkToken), userId: refusal.userId!, subject: assertion.subject, email: assertion.email!, amr, idpSid: assertion.sid, ttlSeconds: SSO_LINK_TTL_SECONDS };
    await this.logins.awaitLink(login.id, offer);
    return { location: withQuery(login.returnTo, { error: refusal.failure, linkToken }), signedIn: null };
  }
}
