import { Injectable } from '@nestjs/common';
import { decodeProtectedHeader } from 'jose';
import { randomUUID } from 'node:crypto';
import { Caller, CommonErrors, isMachine, MachinePrincipal, Principal } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { ACCESS_TOKEN_TYPE, JwtEngine } from './jwt/jwt-engine';
import { KeyRing } from './jwt/key-ring';
import { VerifiedTokenCache } from './jwt/verified-token-cache';

export interface AccessTokenSubject {
  readonly userId: string;
  readonly sessionId: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly roles: readonly string[];
  readonly amr: readonly string[];
  /** When the user last authenticated (login or step-up), not when this token was minted. */
  readonly authTime: Date;
  /** 'pwd', 'mfa' or 'enrol' (see docs/api.md, Access tokens). */
  readonly acr: string;
}

/** A machine client's grant (client credentials): who it is and the scopes it was granted. */
export interface ClientTokenSubject {
  readonly clientId: string;
  readonly scopes: readonly string[];
}

export interface IssuedAccessToken {
  readonly accessToken: string;
  readonly expiresIn: number;
}

const CLOCK_TOLERANCE_SECONDS = 5;
const ACCEPTED_TYPES = new Set([ACCESS_TOKEN_TYPE, `application/${ACCESS_TOKEN_TYPE}`]);

/** RFC 9068-style access tokens: short-lived JWTs that resource servers verify offline through JWKS. */
@Injectable()
export class AccessTokenService {
  private readonly settings: AppConfig['tokens'];
  private readonly verified = new VerifiedTokenCache();

  constructor(
    private readonly keys: KeyRing,
    private readonly engine: JwtEngine,
    config: AppConfig,
  ) {
    this.settings = config.tokens;
  }

  async issue(subject: AccessTokenSubject): Promise<IssuedAccessToken> {
    const now = Math.floor(Date.now() / 1000);
    const ttl = this.settings.accessTtlSeconds;
    const payload = {
      iss: this.settings.issuer,
      sub: subject.userId,
      aud: this.settings.audience,
      iat: now,
      exp: now + ttl,
      jti: randomUUID(),
      sid: subject.sessionId,
      email: subject.email,
      email_verified: subject.emailVerified,
      roles: [...subject.roles],
      amr: [...subject.amr],
      acr: subject.acr,
      auth_time: Math.floor(subject.authTime.getTime() / 1000),
    };
    return { accessToken: await this.engine.sign(payload, await this.keys.signingKey()), expiresIn: ttl };
  }

  /** RFC 9068 for a client-credentials grant: `sub` and `client_id` are the client, `scope` its scopes, no `sid`. */
  async issueForClient(subject: ClientTokenSubject): Promise<IssuedAccessToken> {
    const now = Math.floor(Date.now() / 1000);
    const ttl = this.settings.accessTtlSeconds;
    const payload = {
      iss: this.settings.issuer,
      sub: subject.clientId,
      aud: this.settings.audience,
      iat: now,
      exp: now + ttl,
      jti: randomUUID(),
      client_id: subject.clientId,
      scope: subject.scopes.join(' '),
    };
    return { accessToken: await this.engine.sign(payload, await this.keys.signingKey()), expiresIn: ttl };
  }

  /** A user's token only: a machine client's token is refused here as any invalid token is. */
  async verify(token: string): Promise<Principal> {
    const caller = await this.verifyCaller(token);
    if (isMachine(caller)) throw CommonErrors.unauthorized(true);
    return caller;
  }

  /**
   * Accepts only our typ, the configured algorithm and a key we hold (never one named by jku, x5u, jwk or
   * x5c). Any failure is the same 401, so the answer does not help an attacker tune a forgery.
   */
  async verifyCaller(token: string): Promise<Caller> {
    const known = this.verified.get(token, Math.floor(Date.now() / 1000));
    if (known && this.keys.holds(known.kid)) return known.principal;
    try {
      const header = decodeProtectedHeader(token);
      if (header.alg !== this.settings.algorithm || !ACCEPTED_TYPES.has(String(header.typ ?? '').toLowerCase()) || typeof header.kid !== 'string') {
        throw new Error('unacceptable header');
      }
      const key = await this.keys.verificationKey(header.kid);
      if (!key) throw new Error('unknown kid');
      const claims = await this.engine.verify(token, key, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
      });
      const principal = toPrincipal(claims);
      this.verified.set(token, { principal, kid: header.kid, expiredFrom: (claims.exp as number) + CLOCK_TOLERANCE_SECONDS });
      return principal;
    } catch {
      throw CommonErrors.unauthorized(true);
    }
  }
}

function toPrincipal(claims: Record<string, unknown>): Caller {
  const { sub, sid, exp, email, email_verified, roles, amr, acr, auth_time, client_id } = claims;
  if (sid === undefined && typeof client_id === 'string') return toMachinePrincipal(claims);
  if (typeof sub !== 'string' || typeof sid !== 'string' || typeof exp !== 'number' || !Number.isFinite(exp)) throw new Error('missing claims');
  // A token without auth_time (minted before step-up existed) counts as an authentication long ago.
  const authTime = typeof auth_time === 'number' && Number.isFinite(auth_time) ? auth_time : 0;
  // Frozen: the verified-token cache hands the same object to every request presenting this token.
  return Object.freeze({
    userId: sub,
    sessionId: sid,
    email: typeof email === 'string' ? email : '',
    emailVerified: email_verified === true,
    roles: Object.freeze(stringsOf(roles)),
    amr: Object.freeze(stringsOf(amr)),
    authTime: new Date(authTime * 1000),
    // Unknown means no assurance beyond a password: it never satisfies a step-up that needs MFA.
    acr: typeof acr === 'string' ? acr : 'pwd',
  });
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function toMachinePrincipal({ sub, client_id, scope, exp }: Record<string, unknown>): MachinePrincipal {
  if (typeof sub !== 'string' || sub !== client_id || typeof exp !== 'number' || !Number.isFinite(exp)) throw new Error('missing claims');
  const scopes = typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [];
  return Object.freeze({ kind: 'client' as const, clientId: sub, scopes: Object.freeze(scopes) });
}
