import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { ClientContext, Principal } from './principal';

export const IS_PUBLIC_KEY = 'identsphere:isPublic';

/** Opts a route out of the global access-token guard. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/** The request property the auth guard fills with the verified Principal. */
export const PRINCIPAL_REQUEST_KEY = 'identspherePrincipal';
/** The request property holding the resolved ClientContext (set by middleware at the edge). */
export const CLIENT_CONTEXT_REQUEST_KEY = 'identsphereClient';

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest()[PRINCIPAL_REQUEST_KEY];
  if (!principal) throw new Error('CurrentPrincipal used on a route without the auth guard');
  return principal;
});

export const CurrentClient = createParamDecorator((_: unknown, ctx: ExecutionContext): ClientContext => {
  const req = ctx.switchToHttp().getRequest();
  return req[CLIENT_CONTEXT_REQUEST_KEY] ?? { ip: req.socket?.remoteAddress ?? 'unknown', userAgent: req.headers['user-agent'] ?? null };
});
