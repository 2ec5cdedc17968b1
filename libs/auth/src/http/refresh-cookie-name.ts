import { AppConfig } from '@identsphere/config';

/**
 * `__Host-` pins the cookie to this host; a cookie domain (shared with subdomains) rules that out, so
 * such a cookie is `__Secure-`. Plain http development cannot use either prefix.
 */
export function refreshCookieName(config: AppConfig): string {
  const { secure, domain } = config.cookies;
  return !secure ? 'identsphere_refresh' : domain ? '__Secure-identsphere_refresh' : '__Host-identsphere_refresh';
}
