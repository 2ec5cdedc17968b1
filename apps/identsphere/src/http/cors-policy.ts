import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { INestApplication } from '@nestjs/common';
import { AppConfig } from '@identsphere/config';

type CorsOptions = NonNullable<Parameters<INestApplication['enableCors']>[0]>;

/** What CORS allows: credentials, and only for the origins listed in IDENTSPHERE_CORS_ORIGINS. */
export function corsOptions(config: AppConfig): CorsOptions {
  return {
    origin: (origin: string | undefined, callback: (error: Error | null, allow?: boolean) => void) => callback(null, isAllowedOrigin(config, origin)),
    credentials: true,
    allowedHeaders: ['Content-Type', 'Authorization', 'X-Auth-Mode', 'X-IdentSphere-CSRF', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'WWW-Authenticate'],
    maxAge: 600,
  };
}

const isAllowedOrigin = (config: AppConfig, origin: string | undefined) => origin !== undefined && config.http.corsOrigins.includes(origin);

const isPreflight = (req: Request) => req.method === 'OPTIONS' && req.headers.origin !== undefined && req.headers['access-control-request-method'] !== undefined;

/**
 * Runs before the CORS middleware. Every response varies by Origin (allowed origins get CORS headers,
 * others do not), so a shared cache must never serve one origin's answer to another. A preflight from an
 * origin we do not allow is answered here as a refusal (204 without any Access-Control-Allow-* header),
 * rather than falling through to routing and a 404 that reads as "no such endpoint".
 */
export function corsRefusals(config: AppConfig): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    res.vary('Origin');
    if (isPreflight(req) && !isAllowedOrigin(config, req.headers.origin)) {
      res.status(204).end();
      return;
    }
    next();
  };
}
