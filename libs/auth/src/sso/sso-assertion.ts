import type { IdentityProvider } from '@identsphere/identities';

/** What the provider asserted about the user, after validation and the provider's claim mapping. */
export interface SsoAssertion {
  readonly subject: string;
  readonly email: string | null;
  /** null: the provider does not say. */
  readonly emailVerified: boolean | null;
  readonly name: string | null;
  readonly groups: readonly string[];
  readonly amr: readonly string[];
  /** The provider's session id (`sid`), for back-channel logout. */
  readonly sid: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);

/** Some providers send email_verified as the string "true". */
function verifiedFlag(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return null;
}

/** Reads the claims through the provider's mapping (claim names for email, name and groups). */
export function assertionOf(provider: IdentityProvider, claims: Record<string, unknown>): SsoAssertion {
  return {
    subject: String(claims.sub),
    email: text(claims[provider.claims.email])?.toLowerCase() ?? null,
    emailVerified: verifiedFlag(claims.email_verified),
    name: text(claims[provider.claims.name]),
    groups: provider.claims.groups ? texts(claims[provider.claims.groups]) : [],
    amr: texts(claims.amr),
    sid: text(claims.sid),
  };
}

/** Provider amr values that show a second factor; they make our session's acr 'mfa'. */
const MULTI_FACTOR = new Set(['mfa', 'otp', 'hwk']);

/** Our session's amr: 'fed' (RFC 8176: federated), the provider's, and 'mfa' when the provider shows one. */
export function federatedAmr(providerAmr: readonly string[]): string[] {
  const amr = ['fed', ...providerAmr];
  if (providerAmr.some((m) => MULTI_FACTOR.has(m)) && !amr.includes('mfa')) amr.push('mfa');
  return [...new Set(amr)];
}
