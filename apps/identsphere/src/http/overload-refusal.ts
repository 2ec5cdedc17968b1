import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { overloaded } from '@identsphere/crypto';
import { titleOf } from './problem-status';
import { requestIdOf } from './request-id.middleware';

/** The routes whose every request waits for a password hash before it can answer anything but 503. */
export const PASSWORD_LOGIN_PATHS: readonly string[] = ['/v1/auth/login'];

export interface OverloadRefusalOptions {
  /** True (and the refusal counted by the gate) when the password-hash gate could not even queue one more. */
  readonly refusesNow: () => boolean;
  /** Counts the refused login (auth's `login{outcome="overloaded"}`), as the flow would have. */
  readonly onRefused: () => void;
  /**
   * The app's own header middlewares, in the app's order (request id, security headers, CORS): run on the
   * refusal too, so it carries exactly the headers any other answer would.
   */
  readonly headers: readonly RequestHandler[];
}

// Set per answer, never replayed from another one.
const PER_ANSWER = new Set(['x-request-id', 'content-length', 'etag', 'date', 'connection', 'keep-alive', 'retry-after', 'content-type']);

/**
 * Login refusals during a storm, answered in front of Express: before routing, request logging, the body
 * parsers, validation, throttles and the database. In a storm most requests are refused, so what a refusal
 * costs decides how much CPU is left for the logins that get a hash (issue 15: at most 0.1 ms each; as an
 * Express middleware ahead of the body parser it still cost ~0.5 ms, measured by test/bench/refusal-cost.ts).
 *
 * The answer is ProblemDetailsFilter's 503 `overloaded` problem with Retry-After and the app's headers. The
 * first refusal of a request without an Origin runs the app's header middlewares through Express's own
 * request and response; its headers (static for such requests: security headers, Vary, the CORS headers
 * that do not depend on an origin) are then replayed for the next ones, with a fresh request id. A request
 * with an Origin always takes the middlewares (its CORS answer depends on it). No ETag: a refusal is not a
 * representation to revalidate. Not in the request log or the HTTP histogram (that is part of what it
 * saves): the hash gate's rejection counter and the login metric's `overloaded` outcome count these.
 */
export function installOverloadRefusal(server: Server, app: Express, options: OverloadRefusalOptions, paths: readonly string[] = PASSWORD_LOGIN_PATHS): void {
  if (!server.listeners('request').includes(app)) throw new Error('the early login refusal expects the Express app as the HTTP server’s request listener');
  const refusal = overloaded(1);
  const title = titleOf(refusal.code);
  const retryAfter = String(refusal.options.retryAfterSeconds);
  const bodyOf = (requestId: string) =>
    JSON.stringify({ type: `urn:identsphere:problem:${refusal.code}`, title, status: 503, detail: refusal.detail, code: refusal.code, requestId });
  let originless: OutgoingHttpHeaders | null = null;

  const send = (res: ServerResponse, requestId: string): void => {
    options.onRefused();
    const body = bodyOf(requestId);
    res.setHeader('Retry-After', retryAfter);
    res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.statusCode = 503;
    res.end(body);
  };
  const throughMiddlewares = (req: Request, res: Response, index: number): void => {
    const handler = options.headers[index];
    if (!handler) {
      if (req.headers.origin === undefined) originless = Object.fromEntries(Object.entries(res.getHeaders()).filter(([name]) => !PER_ANSWER.has(name)));
      return send(res, req.id);
    }
    const next: NextFunction = (error?: unknown) => (error ? app(req, res) : throughMiddlewares(req, res, index + 1));
    handler(req, res, next);
  };

  server.removeListener('request', app);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // Exact paths only: anything else (a query string, another spelling) takes the ordinary route, which refuses too.
    if (req.method !== 'POST' || !paths.includes(req.url ?? '') || !options.refusesNow()) return app(req, res);
    if (originless && req.headers.origin === undefined) {
      const requestId = requestIdOf(req.headers);
      for (const [name, value] of Object.entries(originless)) res.setHeader(name, value as string | string[]);
      res.setHeader('X-Request-Id', requestId);
      return send(res, requestId);
    }
    // What Express's own `init` does first: its request and response, so the header middlewares run as usual.
    Object.setPrototypeOf(req, app.request);
    Object.setPrototypeOf(res, app.response);
    const expressReq = req as Request;
    const expressRes = res as Response;
    expressReq.res = expressRes;
    expressRes.req = expressReq;
    expressRes.locals = Object.create(null);
    throughMiddlewares(expressReq, expressRes, 0);
  });
}
