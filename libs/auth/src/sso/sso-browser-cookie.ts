import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig } from '@identsphere/config';
import { randomToken } from '@identsphere/crypto';

/** How long a browser has between /sso/start and /sso/callback. */
export const SSO_LOGIN_TTL_SECONDS = 600;

/**
 * Binds a pending SSO login to the browser that started it: a stolen `state` is useless in another browser
 * (login CSRF). SameSite=Lax, not Strict: the callback is a top-level navigation coming from the provider's
 * site, and a Strict cookie would not be sent with it. `__Host-` like the refresh cookie when Secure.
 */
@Injectable()
export class SsoBrowserCookie {
  readonly name: string;

  constructor(private readonly config: AppConfig) {
    this.name = config.cookies.secure ? '__Host-identsphere-sso' : 'identsphere-sso';
  }

  /** A new binding token; the pending login stores its digest, the browser gets it through write(). */
  newToken(): string {
    return randomToken(32);
  }

  write(res: Response, token: string): void {
    res.cookie(this.name, token, { ...this.attributes(), maxAge: SSO_LOGIN_TTL_SECONDS * 1000 });
  }

  read(req: Request): string | null {
    const value = req.cookies?.[this.name];
    return typeof value === 'string' && value ? value : null;
  }

  clear(res: Response): void {
    res.cookie(this.name, '', { ...this.attributes(), maxAge: 0 });
  }

  private attributes() {
    return { httpOnly: true, secure: this.config.cookies.secure, sameSite: 'lax' as const, path: '/' };
  }
}
