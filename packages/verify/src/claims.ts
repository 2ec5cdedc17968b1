/**
 * The claims of an IdentSphere access token (an RFC 9068 JWT, `typ: at+jwt`; docs/api.md, Access tokens).
 * A user's token carries `sid`, `email`, `roles`, `amr`, `acr`, `auth_time`; a machine client's token
 * (POST /oauth/token) carries `client_id` and `scope` and no `sid`.
 */
export interface AccessTokenClaims {
  readonly iss: string;
  /** The user id, or the machine client's id. */
  readonly sub: string;
  readonly aud: string | string[];
  readonly iat: number;
  readonly exp: number;
  readonly jti: string;
  /** The session id (users only). */
  readonly sid?: string;
  readonly email?: string;
  readonly email_verified?: boolean;
  /** The user's roles, e.g. `["admin"]`; always an array here (empty for machine clients). */
  readonly roles: string[];
  /** RFC 8176 methods the session proved, e.g. `["pwd","otp"]`. */
  readonly amr?: string[];
  /** `mfa`, `pwd` or `enrol`. */
  readonly acr?: string;
  /** When the user last authenticated (seconds since the epoch). */
  readonly auth_time?: number;
  /** Machine clients: their id (equal to `sub`). */
  readonly client_id?: string;
  /** Machine clients: the space-separated scopes granted. */
  readonly scope?: string;
  readonly [claim: string]: unknown;
}

/** The scopes of a token as a list (empty for a user's token). */
export const scopesOf = (claims: AccessTokenClaims): string[] => (typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : []);

/** Whether the token belongs to a machine client rather than a signed-in user. */
export const isClientToken = (claims: AccessTokenClaims): boolean => typeof claims.client_id === 'string' && claims.sid === undefined;
