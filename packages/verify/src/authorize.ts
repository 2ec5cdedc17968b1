import { scopesOf, type AccessTokenClaims } from './claims.js';
import { VerifyError } from './errors.js';
import type { Verifier } from './verifier.js';

/** What a route asks of the caller beyond a valid token. */
export interface AccessRequirement {
  /** The caller needs at least one of these roles (e.g. `['admin']`). */
  readonly roles?: readonly string[];
  /** The caller's token needs every one of these scopes (machine clients). */
  readonly scopes?: readonly string[];
}

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, RFC 6750 §2.1). */
export function bearerTokenOf(authorization: string | string[] | undefined): string {
  if (authorization === undefined || authorization === '') throw new VerifyError('missing', 'no Authorization header');
  if (typeof authorization !== 'string') throw new VerifyError('malformed', 'more than one Authorization header');
  const match = BEARER.exec(authorization);
  if (!match) {
    // Another scheme (Basic, …) carries no access token for us.
    if (!/^Bearer\b/i.test(authorization)) throw new VerifyError('missing', 'no Bearer credentials');
    throw new VerifyError('malformed', 'the Bearer credentials are not a token');
  }
  return match[1];
}

/** Throws `insufficient_role` / `insufficient_scope` unless the claims meet the requirement. */
export function assertAllowed(claims: AccessTokenClaims, requirement: AccessRequirement = {}): void {
  const { roles, scopes } = requirement;
  if (roles?.length && !roles.some((role) => claims.roles.includes(role))) {
    throw new VerifyError('insufficient_role', `needs one of the roles ${roles.join(', ')}`);
  }
  if (scopes?.length) {
    const granted = scopesOf(claims);
    if (!scopes.every((scope) => granted.includes(scope))) throw new VerifyError('insufficient_scope', `needs the scopes ${scopes.join(' ')}`);
  }
}

/** Header → verified claims that meet the requirement, or a VerifyError. */
export async function authenticate(verifier: Verifier, authorization: string | string[] | undefined, requirement: AccessRequirement = {}): Promise<AccessTokenClaims> {
  const claims = await verifier.verify(bearerTokenOf(authorization));
  assertAllowed(claims, requirement);
  return claims;
}
