import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { canonicalIp } from './client-address';
import { Caller, ClientContext, isMachine, Principal } from './principal';

export const IS_PUBLIC_KEY = 'identsphere:isPublic';

/** Marks a public operation in the OpenAPI document, which then declares `security: []` for it. */
export const PUBLIC_OPERATION_EXTENSION = 'x-identsphere-public';

/** Opts a route out of the global access-token guard (and documents it as needing no access token). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiExtension(PUBLIC_OPERATION_EXTENSION, true));

export const STEP_UP_KEY = 'identsphere:requiresStepUp';

/**
 * A sensitive operation: the global auth guard also requires a recent authentication (IDENTSPHERE_STEP_UP_MAX_AGE),
 * with MFA when the account has a factor; otherwise 403 `step_up_required`. Declared here (L0) so domain
 * controllers can mark their routes without importing the auth lib.
 */
export const RequiresStepUp = () => SetMetadata(STEP_UP_KEY, true);

export const ADMIN_ONLY_KEY = 'identsphere:adminOnly';

/** Marks an admin operation in the OpenAPI document: bearer for admin users, oauth2 client credentials for clients. */
export const ADMIN_OPERATION_EXTENSION = 'x-identsphere-admin';

/** The role that opens the admin API to a user, and the scope that opens it to a machine client. */
export const ADMIN_ROLE = 'admin';

/**
 * An administration route: the global auth guard admits a user whose token carries the `admin` role, or a
 * machine client whose token carries the `admin` scope; anyone else gets 403 `forbidden`. Combined with
 * @RequiresStepUp() (every write), a user must also have stepped up with a second factor recently; a
 * client has no interactive factor, its secret is its proof. Read the caller with @CurrentCaller().
 */
export const AdminOnly = () => applyDecorators(SetMetadata(ADMIN_ONLY_KEY, true), ApiExtension(ADMIN_OPERATION_EXTENSION, true));

export const ALLOWED_DURING_ENROLMENT_KEY = 'identsphere:allowedDuringEnrolment';

/**
 * With IDENTSPHERE_MFA_REQUIRED=all, an account without a factor gets an enrol-only session (`acr` "enrol"):
 * the global auth guard answers 403 `mfa_enrollment_required` on every route but those marked with this
 * (enrolling a factor, reading the account, ending the session).
 */
export const AllowedDuringEnrolment = () => applyDecorators(SetMetadata(ALLOWED_DURING_ENROLMENT_KEY, true), ApiExtension(ENROLMENT_OPERATION_EXTENSION, true));

/** Marks such an operation in the OpenAPI document, which then does not list 403 mfa_enrollment_required for it. */
export const ENROLMENT_OPERATION_EXTENSION = 'x-identsphere-allowed-during-enrolment';

/** The request property the auth guard fills with the verified Principal. */
export const PRINCIPAL_REQUEST_KEY = 'identspherePrincipal';
/** The request property holding the resolved ClientContext (set by middleware at the edge). */
export const CLIENT_CONTEXT_REQUEST_KEY = 'identsphereClient';

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest()[PRINCIPAL_REQUEST_KEY];
  if (!principal) throw new Error('CurrentPrincipal used on a route without the auth guard');
  // Only @AdminOnly() routes admit machine clients, and they read the caller with @CurrentCaller().
  if (isMachine(principal)) throw new Error('CurrentPrincipal used on a route that admits machine clients');
  return principal;
});

/** The verified caller of an @AdminOnly() route: an admin user's Principal or a MachinePrincipal. */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  const caller = ctx.switchToHttp().getRequest()[PRINCIPAL_REQUEST_KEY];
  if (!caller) throw new Error('CurrentCaller used on a route without the auth guard');
  return caller;
});

/**
 * The calling client. `req.ip` honours IDENTSPHERE_TRUST_PROXY_HOPS (Express "trust proxy"), so a spoofed
 * X-Forwarded-For never changes it unless that many trusted proxies sit in front. Express takes that entry
 * verbatim, whatever the client wrote there, so anything that is not an IP falls back to the socket's
 * address: sessions, audit rows and throttles only ever see a canonical address.
 */
export const CurrentClient = createParamDecorator((_: unknown, ctx: ExecutionContext): ClientContext => clientContextOf(ctx.switchToHttp().getRequest()));

export function clientContextOf(req: { ip?: string; socket?: { remoteAddress?: string }; headers: Record<string, unknown>; [key: string]: unknown }): ClientContext {
  const cached = req[CLIENT_CONTEXT_REQUEST_KEY] as ClientContext | undefined;
  if (cached) return cached;
  const ip = canonicalIp(req.ip) ?? canonicalIp(req.socket?.remoteAddress) ?? 'unknown';
  const userAgent = typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'].slice(0, 512) : null;
  const client = { ip, userAgent };
  req[CLIENT_CONTEXT_REQUEST_KEY] = client;
  return client;
}
