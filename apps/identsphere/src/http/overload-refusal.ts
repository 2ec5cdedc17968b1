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

// Set per answer, never replayed from another one (a cookie least of all: none is set before the body
// parsers today, and one set later must never reach another client's refusal).
const PER_ANSWER = new Set(['x-request-id', 'content-length', 'etag', 'date', 'connection', 'keep-alive', 'retry-after', 'content-type', 'set-cookie']);

function flatHeaders(headers: OutgoingHttpHeaders): string[] {
  return Object.entries(headers).flatMap(([name, value]) =>
    PER_ANSWER.has(name) || value === undefined ? [] : (Array.isArray(value) ? value : [String(value)]).flatMap((v) => [name, v]),
  );
}

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
  /** The remembered headers of a refusal without an Origin, as writeHead's flat [name, value, ...] list. */
  private originless: string[] | null = null;
  /** The body around its one varying field (the request id). */
  private readonly bodyStart: string;
  private readonly bodyEnd = '"}';

  constructor(
    private readonly options: OverloadRefusalOptions,
    private readonly paths: readonly string[] = PASSWORD_LOGIN_PATHS,
  ) {
    this.retryAfter = String(this.refusal.options.retryAfterSeconds);
    this.title = titleOf(this.refusal.code);
    const { code, detail } = this.refusal;
    const probe = JSON.stringify({ type: `urn:identsphere:problem:${code}`, title: this.title, status: 503, detail, code, requestId: '' });
    this.bodyStart = probe.slice(0, -this.bodyEnd.length);
  }

  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (!this.refusable(req)) return next();
    if (req.headers.origin === undefined) this.originless = flatHeaders(res.getHeaders());
    this.send(res, req.id);
  };

  install(server: Server, app: Express): void {
    if (!server.listeners('request').includes(app)) throw new Error('the early login refusal expects the Express app as the HTTP server’s request listener');
    server.removeListener('request', app);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const headers = this.originless;
      if (!headers || req.headers.origin !== undefined || !this.refusable(req)) return app(req, res);
      const requestId = requestIdOf(req.headers);
      this.options.onRefused();
      const body = this.bodyOf(requestId);
      res.writeHead(503, [...headers, 'X-Request-Id', requestId, ...this.bodyHeaders(body)]);
      res.end(body);
    });
  }

  /** Exact paths only: anything else (a query string, another spelling) takes the ordinary route, which refuses too. */
  private refusable(req: IncomingMessage): boolean {
    return req.method === 'POST' && this.paths.includes(req.url ?? '') && this.options.refusesNow();
  }

  private send(res: ServerResponse, requestId: string): void {
    this.options.onRefused();
    const body = this.bodyOf(requestId);
    const headers = this.bodyHeaders(body);
    for (let i = 0; i < headers.length; i += 2) res.setHeader(headers[i], headers[i + 1]);
    res.statusCode = 503;
    res.end(body);
  }

  /** ProblemDetailsFilter's body; the request id is a sane header value or a UUID, so it needs no escaping beyond JSON's. */
  private bodyOf(requestId: string): string {
    return this.bodyStart + JSON.stringify(requestId).slice(1, -1) + this.bodyEnd;
  }

  private bodyHeaders(body: string): string[] {
    return ['Retry-After', this.retryAfter, 'Content-Type', 'application/problem+json; charset=utf-8', 'Content-Length', String(Buffer.byteLength(body))];
  }
}
