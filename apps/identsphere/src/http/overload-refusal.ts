import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { Express, NextFunction, Request, Response } from 'express';
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
}

// Set per answer, never replayed from another one.
const PER_ANSWER = new Set(['x-request-id', 'content-length', 'etag', 'date', 'connection', 'keep-alive', 'retry-after', 'content-type']);

/**
 * Login refusals during a storm (503 `overloaded` while the password-hash gate is full), answered before the
 * body is read, parsed or validated and before any throttle or database work. In a storm most requests are
 * refused, so what a refusal costs decides how much CPU is left for the logins that get a hash (issue 15:
 * at most 0.1 ms each; measured by test/bench/refusal-cost.ts). Two places:
 * - `middleware`, mounted after the request id, security and CORS headers and before the body parsers:
 *   answers with ProblemDetailsFilter's problem and Retry-After, the app's headers included, and for a
 *   request without an Origin remembers those headers (static for such requests);
 * - `install`: in front of Express (no routing, no request log, no Express objects), a request without an
 *   Origin is answered with the remembered headers and a fresh request id. That is the common case in a
 *   storm, and about a third of the middleware's cost. Requests with an Origin (their CORS answer depends on
 *   it) and the first refusal take the middleware.
 * No ETag: a refusal is not a representation to revalidate. The fast path is not in the request log or the
 * HTTP histogram (that is part of what it saves); the gate's rejection counter and the login metric count it.
 */
export class OverloadRefusal {
  private readonly retryAfter: string;
  private readonly title: string;
  private readonly refusal = overloaded(1);
  private originless: OutgoingHttpHeaders | null = null;

  constructor(
    private readonly options: OverloadRefusalOptions,
    private readonly paths: readonly string[] = PASSWORD_LOGIN_PATHS,
  ) {
    this.retryAfter = String(this.refusal.options.retryAfterSeconds);
    this.title = titleOf(this.refusal.code);
  }

  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (!this.refusable(req)) return next();
    if (req.headers.origin === undefined) this.originless = Object.fromEntries(Object.entries(res.getHeaders()).filter(([name]) => !PER_ANSWER.has(name)));
    this.send(res, req.id);
  };

  install(server: Server, app: Express): void {
    if (!server.listeners('request').includes(app)) throw new Error('the early login refusal expects the Express app as the HTTP server’s request listener');
    server.removeListener('request', app);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const headers = this.originless;
      if (!headers || req.headers.origin !== undefined || !this.refusable(req)) return app(req, res);
      const requestId = requestIdOf(req.headers);
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value as string | string[]);
      res.setHeader('X-Request-Id', requestId);
      this.send(res, requestId);
    });
  }

  /** Exact paths only: anything else (a query string, another spelling) takes the ordinary route, which refuses too. */
  private refusable(req: IncomingMessage): boolean {
    return req.method === 'POST' && this.paths.includes(req.url ?? '') && this.options.refusesNow();
  }

  private send(res: ServerResponse, requestId: string): void {
    this.options.onRefused();
    const { code, detail } = this.refusal;
    const body = JSON.stringify({ type: `urn:identsphere:problem:${code}`, title: this.title, status: 503, detail, code, requestId });
    res.setHeader('Retry-After', this.retryAfter);
    res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.statusCode = 503;
    res.end(body);
  }
}
