import type { AccessTokenClaims } from './claims.js';
import { authenticate, type AccessRequirement } from './authorize.js';
import { problemFor, requestIdOf } from './problem.js';
import type { Verifier } from './verifier.js';

/**
 * The parts of a request and response the middleware touches. Express's (4 and 5) and Node's own objects
 * fit, so this module imports nothing from Express and needs no @types/express.
 */
export interface RequestLike {
  readonly headers: Record<string, string | string[] | undefined>;
  auth?: AccessTokenClaims;
}
export interface ResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}
export type NextFunctionLike = (error?: unknown) => void;

export interface RequireAuthOptions extends AccessRequirement {
  /** Called with every refusal (reason, never the token), e.g. to log or count them. */
  readonly onRefused?: (error: unknown, req: RequestLike) => void;
}

/**
 * Express middleware: verifies the Bearer token, sets `req.auth` to its claims and calls `next()`, or answers
 * 401/403/503 itself as problem details in IdentSphere's format. Read the claims with `authOf(req)`.
 */
export function requireAuth(verifier: Verifier, options: RequireAuthOptions = {}): (req: RequestLike, res: ResponseLike, next: NextFunctionLike) => void {
  return (req, res, next) => {
    authenticate(verifier, req.headers.authorization, options).then(
      (claims) => {
        req.auth = claims;
        next();
      },
      (error: unknown) => {
        options.onRefused?.(error, req);
        const problem = problemFor(error, requestIdOf(req.headers['x-request-id']));
        res.statusCode = problem.status;
        for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
        res.end(JSON.stringify(problem.body));
      },
    );
  };
}

/** The claims `requireAuth` put on the request; throws when the route is not behind it (a wiring bug). */
export function authOf(req: object): AccessTokenClaims {
  const auth = (req as RequestLike).auth;
  if (!auth) throw new Error('authOf: this route is not behind requireAuth()');
  return auth;
}
