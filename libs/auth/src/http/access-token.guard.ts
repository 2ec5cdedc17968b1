import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { CommonErrors, IS_PUBLIC_KEY, PRINCIPAL_REQUEST_KEY } from '@identsphere/common';
import { SessionsService } from '@identsphere/sessions';
import { AccessTokenService } from '@identsphere/tokens';

/** `Authorization: Bearer <jwt>` only (never a cookie or a URL query); the scheme name is case-insensitive. */
export function bearerTokenOf(req: Request): string | null {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer[ \t]+([A-Za-z0-9\-_.~+/]+=*)\s*$/i.exec(header) : null;
  return match ? match[1] : null;
}

/**
 * Global guard: every route needs a valid access token unless marked @Public(). Besides the JWT checks,
 * one primary-key lookup confirms the token's session is live and its account enabled, so logout,
 * logout-all, a password change and disabling the account take effect at once on every instance.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessTokens: AccessTokenService,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const token = bearerTokenOf(req);
    if (!token) throw CommonErrors.unauthorized(false);
    const principal = await this.accessTokens.verify(token);
    if (!(await this.sessions.isLive(principal.sessionId, principal.userId))) throw CommonErrors.unauthorized(true);
    (req as unknown as Record<string, unknown>)[PRINCIPAL_REQUEST_KEY] = principal;
    return true;
  }
}
