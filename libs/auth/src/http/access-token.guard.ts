import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ALLOWED_DURING_ENROLMENT_KEY, CommonErrors, IS_PUBLIC_KEY, Principal, PRINCIPAL_REQUEST_KEY, STEP_UP_KEY } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { SessionsService } from '@identsphere/sessions';
import { AccessTokenService } from '@identsphere/tokens';
import { AuthErrors } from '../auth.errors';
import { ProofVerifier } from '../flows/proof-verifier';

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
 * Then the token's assurance: an enrol-only session (acr 'enrol') reaches only @AllowedDuringEnrolment()
 * routes, and @RequiresStepUp() routes need a recent auth_time, with acr 'mfa' when the account has a factor.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  private readonly stepUpMaxAgeMs: number;

  constructor(
    private readonly reflector: Reflector,
    private readonly accessTokens: AccessTokenService,
    private readonly sessions: SessionsService,
    private readonly proofs: ProofVerifier,
    config: AppConfig,
  ) {
    this.stepUpMaxAgeMs = config.mfa.stepUpMaxAgeSeconds * 1000;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.marked(context, IS_PUBLIC_KEY)) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const token = bearerTokenOf(req);
    if (!token) throw CommonErrors.unauthorized(false);
    const principal = await this.accessTokens.verify(token);
    if (!(await this.sessions.isLive(principal.sessionId, principal.userId))) throw CommonErrors.unauthorized(true);
    if (principal.acr === 'enrol' && !this.marked(context, ALLOWED_DURING_ENROLMENT_KEY)) throw AuthErrors.mfaEnrollmentRequired();
    if (this.marked(context, STEP_UP_KEY)) await this.assertSteppedUp(principal);
    (req as unknown as Record<string, unknown>)[PRINCIPAL_REQUEST_KEY] = principal;
    return true;
  }

  private marked(context: ExecutionContext, key: string): boolean {
    return this.reflector.getAllAndOverride<boolean>(key, [context.getHandler(), context.getClass()]) === true;
  }

  private async assertSteppedUp(principal: Principal): Promise<void> {
    const methods = await this.proofs.acceptedMethods('step_up', principal.userId);
    const needsMfa = !methods.includes('password');
    const recent = Date.now() - principal.authTime.getTime() <= this.stepUpMaxAgeMs;
    if (!recent || (needsMfa && principal.acr !== 'mfa')) throw AuthErrors.stepUpRequired(methods);
  }
}
