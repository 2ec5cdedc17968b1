import { CanActivate, ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import {
  ADMIN_ONLY_KEY,
  ADMIN_ROLE,
  ALLOWED_DURING_ENROLMENT_KEY,
  CommonErrors,
  IS_PUBLIC_KEY,
  isMachine,
  MachineClientStatus,
  MachinePrincipal,
  Principal,
  PRINCIPAL_REQUEST_KEY,
  STEP_UP_KEY,
} from '@identsphere/common';
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
 * @AdminOnly() routes admit an admin user (whose writes need a recent MFA step-up, whether or not other
 * accounts have a factor) or an active machine client with the admin scope; no other route admits a client.
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
    // An explicit token: the metadata emitted for `T | null` is Object under swc (the test compiler), never the port.
    @Optional() @Inject(MachineClientStatus) private readonly clients: MachineClientStatus | null,
  ) {
    this.stepUpMaxAgeMs = config.mfa.stepUpMaxAgeSeconds * 1000;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.marked(context, IS_PUBLIC_KEY)) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const token = bearerTokenOf(req);
    if (!token) throw CommonErrors.unauthorized(false);
    const adminRoute = this.marked(context, ADMIN_ONLY_KEY);
    const caller = adminRoute ? await this.accessTokens.verifyCaller(token) : await this.accessTokens.verify(token);
    if (isMachine(caller)) await this.admitClient(caller);
    else await this.admitUser(caller, context, adminRoute);
    (req as unknown as Record<string, unknown>)[PRINCIPAL_REQUEST_KEY] = caller;
    return true;
  }

  private async admitUser(principal: Principal, context: ExecutionContext, adminRoute: boolean): Promise<void> {
    if (!(await this.sessions.isLive(principal.sessionId, principal.userId))) throw CommonErrors.unauthorized(true);
    if (principal.acr === 'enrol' && !this.marked(context, ALLOWED_DURING_ENROLMENT_KEY)) throw AuthErrors.mfaEnrollmentRequired();
    if (adminRoute && !principal.roles.includes(ADMIN_ROLE)) throw CommonErrors.forbidden(`${ADMIN_ROLE} role`);
    if (this.marked(context, STEP_UP_KEY)) await this.assertSteppedUp(principal, adminRoute);
  }

  /** Only reached on @AdminOnly() routes: other routes verify user tokens alone. */
  private async admitClient(client: MachinePrincipal): Promise<void> {
    if (!this.clients || !(await this.clients.isActive(client.clientId))) throw CommonErrors.unauthorized(true);
    if (!client.scopes.includes(ADMIN_ROLE)) throw CommonErrors.forbidden(`${ADMIN_ROLE} scope`);
  }

  private marked(context: ExecutionContext, key: string): boolean {
    return this.reflector.getAllAndOverride<boolean>(key, [context.getHandler(), context.getClass()]) === true;
  }

  /** `mfaOnly`: an admin's write, which a password alone never authorizes (no factor: enrol one first). */
  private async assertSteppedUp(principal: Principal, mfaOnly: boolean): Promise<void> {
    const methods = await this.proofs.acceptedMethods('step_up', principal.userId);
    const hasFactor = !methods.includes('password');
    if (mfaOnly && !hasFactor) throw AuthErrors.mfaEnrollmentRequired();
    const recent = Date.now() - principal.authTime.getTime() <= this.stepUpMaxAgeMs;
    if (!recent || (hasFactor && principal.acr !== 'mfa')) throw AuthErrors.stepUpRequired(methods);
  }
}
