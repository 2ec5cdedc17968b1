import { Injectable } from '@nestjs/common';
import { decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { IdentityProvider, IdentityProviders } from '@identsphere/identities';
import { isUnreachable, OidcClients } from '../oidc-clients';
import { LogoutTokenRefusal } from './sso-logout.errors';

export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** A logout token older than this (by `iat`) is refused: the provider sends it at once, and the jti store stays small. */
export const LOGOUT_TOKEN_MAX_AGE_SECONDS = 300;
const CLOCK_TOLERANCE_SECONDS = 60;
/** Asymmetric signatures only: a logout token is checked against the provider's published keys. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface VerifiedLogout {
  /** The providers configured with this issuer and client id (normally one). */
  readonly providers: readonly IdentityProvider[];
  readonly sub: string | null;
  readonly sid: string | null;
  readonly jti: string;
  /** Until when the jti must be remembered: after that, a token with this iat is refused by age anyway. */
  readonly rememberUntil: Date;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const optionalString = (value: unknown) => (typeof value === 'string' && value.length > 0 && value.length <= 512 ? value : null);

/**
 * Validates a logout token as OpenID Connect Back-Channel Logout 1.0 §2.6 asks: a JWT signed with a key of
 * the provider's JWKS, `iss` a configured provider's issuer, `aud` its client id, `iat` recent (`exp` when
 * present), a `jti`, the back-channel logout event, no `nonce` (so an ID token cannot pass for one), and a
 * `sub` or a `sid`. Throws LogoutTokenRefusal.
 */
@Injectable()
export class LogoutTokenVerifier {
  constructor(
    private readonly identityProviders: IdentityProviders,
    private readonly clients: OidcClients,
  ) {}

  async verify(token: string): Promise<VerifiedLogout> {
    const providers = await this.providersFor(token);
    const payload = await this.verifySignature(token, providers[0]);
    if (!isObject(payload.events) || !isObject(payload.events[BACKCHANNEL_LOGOUT_EVENT])) throw new LogoutTokenRefusal('events');
    if ('nonce' in payload) throw new LogoutTokenRefusal('nonce');
    const sub = optionalString(payload.sub);
    const sid = optionalString(payload.sid);
    if (!sub && !sid) throw new LogoutTokenRefusal('subject');
    const jti = optionalString(payload.jti);
    if (!jti) throw new LogoutTokenRefusal('jti');
    const rememberUntil = new Date(((payload.iat as number) + LOGOUT_TOKEN_MAX_AGE_SECONDS + CLOCK_TOLERANCE_SECONDS) * 1000);
    return { providers, sub, sid, jti, rememberUntil };
  }

  /** The configured providers the token claims to come from: same issuer, our client id in its audience. */
  private async providersFor(token: string): Promise<IdentityProvider[]> {
    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      throw new LogoutTokenRefusal('malformed');
    }
    const audience = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
    const matching = (await this.identityProviders.list()).filter((p) => p.issuer === claims.iss && audience.includes(p.clientId));
    if (matching.length === 0) throw new LogoutTokenRefusal('unknown_issuer');
    return matching;
  }

  private async verifySignature(token: string, provider: IdentityProvider): Promise<JWTPayload> {
    let keys;
    try {
      keys = (await this.clients.for(provider)).keys;
    } catch {
      throw new LogoutTokenRefusal('provider_unavailable');
    }
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: provider.issuer,
        audience: provider.clientId,
        algorithms: ALGORITHMS,
        requiredClaims: ['iat'],
        maxTokenAge: LOGOUT_TOKEN_MAX_AGE_SECONDS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      return payload;
    } catch (error) {
      throw new LogoutTokenRefusal(faultOf(error));
    }
  }
}

function faultOf(error: unknown): 'provider_unavailable' | 'signature' | 'claims' {
  // The JWKS could not be read: timeout, refused connection, an answer that is not a key set (jose's plain JOSEError).
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid || isUnreachable(error) || (error as object)?.constructor === joseErrors.JOSEError) return 'provider_unavailable';
  if (error instanceof joseErrors.JWTClaimValidationFailed || error instanceof joseErrors.JWTExpired) return 'claims';
  return 'signature';
}
