import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig } from '@identsphere/config';
import { DEVICE_TOKEN_LIFETIME_SECONDS } from '@identsphere/rate-limit';
import { TokenTransport } from './token-transport';

/**
 * The anti-lockout device cookie (see LoginThrottle): set after a successful cookie-mode login, sent back
 * on later logins so that client is judged on its own failure streak, not the account-wide one. HttpOnly
 * and SameSite=Strict like the refresh cookie; never given a Domain, since only this service reads it.
 * Bearer mode sets no cookies (docs/api.md, token transport), so bearer clients get no device exemption.
 */
@Injectable()
export class DeviceCookie {
  readonly name: string;

  constructor(
    private readonly config: AppConfig,
    private readonly transport: TokenTransport,
  ) {
    this.name = config.cookies.secure ? '__Host-identsphere_device' : 'identsphere_device';
  }

  read(req: Request): string | null {
    const value = req.cookies?.[this.name];
    return typeof value === 'string' && value ? value : null;
  }

  write(req: Request, res: Response, deviceToken: string): void {
    if (this.transport.modeOf(req) === 'bearer') return;
    res.cookie(this.name, deviceToken, { httpOnly: true, secure: this.config.cookies.secure, sameSite: 'strict', path: '/', maxAge: DEVICE_TOKEN_LIFETIME_SECONDS * 1000 });
  }
}
