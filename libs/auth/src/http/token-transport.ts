import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig } from '@identsphere/config';
import { AuthErrors } from '../auth.errors';
import { refreshCookieName } from './refresh-cookie-name';

export type AuthMode = 'cookie' | 'bearer';

const CSRF_HEADER = 'x-identsphere-csrf';

/**
 * How the refresh token travels. Cookie mode (browsers): an HttpOnly, SameSite=Strict cookie, and every
 * request it authenticates must prove it came from our SPA (CSRF header + allowed Origin). Bearer mode
 * (`X-Auth-Mode: bearer`: servers, mobile, generated clients): the token is in the JSON body.
 */
@Injectable()
export class TokenTransport {
  readonly cookieName: string;
  private readonly allowedOrigins: ReadonlySet<string>;

  constructor(private readonly config: AppConfig) {
    this.cookieName = refreshCookieName(config);
    this.allowedOrigins = new Set([config.http.publicOrigin, ...config.http.corsOrigins]);
  }

  modeOf(req: Request): AuthMode {
    return String(req.headers['x-auth-mode'] ?? '').toLowerCase() === 'bearer' ? 'bearer' : 'cookie';
  }

  /** The presented refresh token, enforcing the CSRF rule when it came from the cookie. */
  readRefreshToken(req: Request, body: { refreshToken?: string } | undefined): string | null {
    if (this.modeOf(req) === 'bearer') return typeof body?.refreshToken === 'string' ? body.refreshToken : null;
    const cookie = req.cookies?.[this.cookieName];
    if (typeof cookie !== 'string' || !cookie) return null;
    this.assertCsrf(req);
    return cookie;
  }

  assertCsrf(req: Request): void {
    const origin = req.headers.origin;
    if (req.headers[CSRF_HEADER] !== '1' || (origin !== undefined && !this.allowedOrigins.has(origin))) throw AuthErrors.csrfFailed();
  }

  setRefreshCookie(res: Response, refreshToken: string, maxAgeSeconds: number): void {
    res.cookie(this.cookieName, refreshToken, { ...this.cookieAttributes(), maxAge: maxAgeSeconds * 1000 });
  }

  /** Ends the browser's copy of the refresh token; bearer-mode clients never get cookies, not even this one. */
  clearRefreshCookie(req: Request, res: Response): void {
    if (this.modeOf(req) === 'bearer') return;
    res.cookie(this.cookieName, '', { ...this.cookieAttributes(), maxAge: 0 });
  }

  /** Tokens must never sit in a shared or browser cache. */
  noStore(res: Response): void {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
  }

  private cookieAttributes() {
    const { secure, domain } = this.config.cookies;
    return { httpOnly: true, secure, sameSite: 'strict' as const, path: '/', ...(secure && domain ? { domain } : {}) };
  }
}
