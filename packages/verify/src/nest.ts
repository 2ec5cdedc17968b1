import {
  Catch,
  createParamDecorator,
  HttpException,
  Inject,
  Injectable,
  Module,
  SetMetadata,
  type ArgumentsHost,
  type CanActivate,
  type DynamicModule,
  type ExceptionFilter,
  type ExecutionContext,
} from '@nestjs/common';
import { APP_FILTER, Reflector } from '@nestjs/core';
import { authenticate } from './authorize.js';
import type { AccessTokenClaims } from './claims.js';
import { problemFor, requestIdOf, type ProblemResponse } from './problem.js';
import { createVerifier, type Verifier, type VerifierOptions } from './verifier.js';

/** The injection token of the Verifier the guard uses. */
export const IDENTSPHERE_VERIFIER = Symbol('IDENTSPHERE_VERIFIER');
const ROLES_KEY = 'identsphere:roles';
const SCOPES_KEY = 'identsphere:scopes';

/** The caller needs at least one of these roles (on a handler or a controller; the handler's wins). */
export const Roles = (...roles: string[]) => SetMetadata(ROLES_KEY, roles);
/** The caller's token needs every one of these scopes (machine clients). */
export const Scopes = (...scopes: string[]) => SetMetadata(SCOPES_KEY, scopes);

interface RequestWithAuth {
  headers: Record<string, string | string[] | undefined>;
  auth?: AccessTokenClaims;
}

/** The verified claims (or one claim: `@CurrentUser('sub')`) of a route behind IdentSphereAuthGuard. */
export const CurrentUser = createParamDecorator((claim: keyof AccessTokenClaims | undefined, ctx: ExecutionContext) => {
  const auth = ctx.switchToHttp().getRequest<RequestWithAuth>().auth;
  if (!auth) throw new Error('@CurrentUser() on a route without IdentSphereAuthGuard');
  return claim ? auth[claim] : auth;
});

/** A refusal carrying its problem answer; IdentSphereProblemFilter writes it with its headers. */
export class IdentSphereAuthException extends HttpException {
  constructor(readonly problem: ProblemResponse) {
    super(problem.body, problem.status);
  }
}

/** Verifies the Bearer token, checks @Roles()/@Scopes(), and puts the claims on `request.auth`. */
@Injectable()
export class IdentSphereAuthGuard implements CanActivate {
  constructor(
    @Inject(IDENTSPHERE_VERIFIER) private readonly verifier: Verifier,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithAuth>();
    const targets = [context.getHandler(), context.getClass()];
    const roles = this.reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, targets);
    const scopes = this.reflector.getAllAndOverride<string[] | undefined>(SCOPES_KEY, targets);
    try {
      request.auth = await authenticate(this.verifier, request.headers.authorization, { roles, scopes });
      return true;
    } catch (error) {
      throw new IdentSphereAuthException(problemFor(error, requestIdOf(request.headers['x-request-id'])));
    }
  }
}

interface NodeStyleResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}
interface FastifyStyleReply {
  code(status: number): FastifyStyleReply;
  header(name: string, value: string): FastifyStyleReply;
  send(body: string): unknown;
}

/** Writes the guard's refusals as application/problem+json with WWW-Authenticate (Express or Fastify). */
@Catch(IdentSphereAuthException)
export class IdentSphereProblemFilter implements ExceptionFilter {
  catch(exception: IdentSphereAuthException, host: ArgumentsHost): void {
    const { status, headers, body } = exception.problem;
    const res = host.switchToHttp().getResponse<NodeStyleResponse | FastifyStyleReply>();
    if ('setHeader' in res) {
      res.statusCode = status;
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      res.end(JSON.stringify(body));
      return;
    }
    let reply = res.code(status);
    for (const [name, value] of Object.entries(headers)) reply = reply.header(name, value);
    reply.send(JSON.stringify(body));
  }
}

export type IdentSphereAuthModuleOptions = VerifierOptions | { readonly verifier: Verifier };

/**
 * `IdentSphereAuthModule.forRoot({ issuer })` once in the root module; then `@UseGuards(IdentSphereAuthGuard)`
 * on controllers or handlers. Global, so feature modules need not import it.
 */
@Module({})
export class IdentSphereAuthModule {
  static forRoot(options: IdentSphereAuthModuleOptions): DynamicModule {
    const verifier = 'verifier' in options ? options.verifier : createVerifier(options);
    return {
      module: IdentSphereAuthModule,
      global: true,
      providers: [{ provide: IDENTSPHERE_VERIFIER, useValue: verifier }, IdentSphereAuthGuard, { provide: APP_FILTER, useClass: IdentSphereProblemFilter }],
      exports: [IDENTSPHERE_VERIFIER, IdentSphereAuthGuard],
    };
  }
}
