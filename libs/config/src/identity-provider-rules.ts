/**
 * The rules an OpenID Connect provider's settings obey, wherever they come from (the admin API through
 * libs/identities, or IDENTSPHERE_OIDC_PROVIDERS here): one definition, so a provider the environment may
 * seed is exactly one the API would accept.
 */

/** Appears in URLs (`?provider=`) and audit rows. */
export const IDENTITY_PROVIDER_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
/** A lower-case DNS name with at least one dot (`acme.com`, `eu.acme.co.uk`). */
export const EMAIL_DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** RFC 6749 scope-token: printable ASCII except space, `"` and `\`. */
export const SCOPE_TOKEN_PATTERN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * Why `issuer` is not acceptable, or null. Production requires https; elsewhere http is accepted on a
 * loopback host only, so tests can run a provider locally but a plain-http provider on the network is never
 * trusted. No query, fragment or credentials (OpenID Connect Discovery 1.0 §3).
 */
export function issuerProblem(issuer: string, isProduction: boolean): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'must be an absolute https URL';
  }
  if (url.search || url.hash || issuer.includes('#')) return 'must not have a query or fragment';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (url.protocol === 'https:') return null;
  if (url.protocol !== 'http:') return 'must be an https URL';
  if (isProduction) return 'must be an https URL in production';
  return LOOPBACK_HOSTS.test(url.hostname) ? null : 'may use http only on a loopback host (localhost, 127.0.0.1, [::1])';
}

/** Lower-cased and trimmed, each once, in a stable order. */
export function canonicalDomains(domains: readonly string[]): string[] {
  return [...new Set(domains.map((d) => d.trim().toLowerCase()))].sort();
}
