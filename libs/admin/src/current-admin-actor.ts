import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { actorIdOf, Caller, clientContextOf, PRINCIPAL_REQUEST_KEY } from '@identsphere/common';
import type { AdminActor } from './flows/admin-actor';

/**
 * Who performs the action of an @AdminOnly() route: the verified caller's id (an admin user's or a machine
 * client's, recorded as the audit row's actor) and the HTTP client the call came from.
 */
export const CurrentAdminActor = createParamDecorator((_: unknown, ctx: ExecutionContext): AdminActor => {
  const req = ctx.switchToHttp().getRequest();
  const caller: Caller | undefined = req[PRINCIPAL_REQUEST_KEY];
  if (!caller) throw new Error('CurrentAdminActor used on a route without the auth guard');
  return { actorId: actorIdOf(caller), client: clientContextOf(req) };
});
