import { Injectable } from '@nestjs/common';
import { AppConfig } from '@identsphere/config';
import { SsoErrors } from './sso.errors';

/**
 * Where an SSO login may send the browser back: only URLs on an origin of IDENTSPHERE_CORS_ORIGINS (the
 * SPAs we serve), so /v1/auth/sso/start can never be used as an open redirect.
 */
@Injectable()
export class ReturnToPolicy {
  private readonly origins: ReadonlySet<string>;

  constructor(config: AppConfig) {
    this.origins = new Set(config.http.corsOrigins);
  }

  /** The normalised URL, or 400 invalid_return_to. */
  check(returnTo: string): string {
    let url: URL;
    try {
      url = new URL(returnTo);
    } catch {
      throw SsoErrors.invalidReturnTo();
    }
    if (url.username || url.password || !this.origins.has(url.origin)) throw SsoErrors.invalidReturnTo();
    return url.href;
  }
}

/** returnTo with the outcome in the query string (the SPA reads `code` or `error` from its own URL). */
export function withQuery(returnTo: string, params: Record<string, string>): string {
  const url = new URL(returnTo);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}
