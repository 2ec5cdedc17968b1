import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Principal, PRINCIPAL_REQUEST_KEY } from '@identsphere/common';
import { ROOT_LOGGER } from '../logging/logger.tokens';
import type { RootLogger } from '../logging/root-logger';
import { HttpMetrics } from '../metrics/http-metrics';
import { routeTemplateOf } from './route-template';

// nginx's convention for "the client went away before we answered".
const CLIENT_CLOSED_REQUEST = 499;
// Load balancers poll these every few seconds; their successes are debug noise, their failures are not.
const PROBE_ROUTES = /^\/(health|metrics)(\/|$)/;

/**
 * The first middleware of the app: one JSON log line and one histogram observation per request, when the
 * response is finished (or the client gave up). It sees every request, including those refused before
 * routing (malformed JSON, 413, 415), and never logs bodies, headers, query strings or raw URLs.
 */
@Injectable()
export class RequestTelemetry {
  private readonly log: RootLogger;

  constructor(
    @Inject(ROOT_LOGGER) root: RootLogger,
    private readonly metrics: HttpMetrics,
  ) {
    // The request line's fields are a fixed set that never holds a secret, so it skips the root's path
    // redaction: @pinojs/redact re-parses all 54 paths on every line, ~140 µs a line, about a tenth of a
    // GET /v1/me's CPU (measured under `npm run bench`). Every other log line is still redacted.
    this.log = root.child({ context: 'http' }, { redact: [] });
  }

  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('close', () => this.record(req, res, started));
    next();
  };

  private record(req: Request, res: Response, started: bigint): void {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const route = routeTemplateOf(req);
    const status = res.writableFinished ? res.statusCode : CLIENT_CLOSED_REQUEST;
    this.metrics.observe({ method: req.method, route, status, seconds });
    const principal = (req as unknown as Record<string, Principal | undefined>)[PRINCIPAL_REQUEST_KEY];
    const level = status >= 500 ? 'warn' : PROBE_ROUTES.test(route) ? 'debug' : 'info';
    // Probes log at debug, which production leaves off: skip building their line at all.
    if (!this.log.isLevelEnabled(level)) return;
    this.log[level](
      {
        method: req.method,
        route,
        status,
        durationMs: Math.round(seconds * 1e4) / 10,
        requestId: (req as { id?: string }).id,
        ...(principal ? { userId: principal.userId } : {}),
      },
      'request',
    );
  }
}
