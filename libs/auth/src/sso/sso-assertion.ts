import type { IdentityProvider } from '@identsphere/identities';
import { isPlainMailbox, normalizeEmail } from '@identsphere/users';

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

/** The limits an account's email and display name have (as signup enforces them). */
const EMAIL_MAX = 254;
const DISPLAY_NAME_MAX = 100;

/** An address we would accept at signup, normalised; null for anything else (the login is then refused). */
function accountEmail(value: unknown): string | null {
  const email = text(value);
  if (!email) return null;
  const normalized = normalizeEmail(email);
  return normalized.length <= EMAIL_MAX && isPlainMailbox(normalized) ? normalized : null;
}

/** A provider's display name, without control characters and cut to our limit. */
function displayName(value: unknown): string | null {
  // eslint-disable-next-line no-control-regex
  const name = text(value)?.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return name ? [...name].slice(0, DISPLAY_NAME_MAX).join('') : null;
}

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
    email: accountEmail(claims[provider.claims.email]),
    emailVerified: verifiedFlag(claims.email_verified),
    name: displayName(claims[provider.claims.name]),
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
