import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { AppConfig } from '@identsphere/config';

const ONE_YEAR = 31_536_000;

const isDocs = (path: string) => path === '/docs' || path.startsWith('/docs/');

/**
 * Security headers for a JSON API (helmet): nosniff, frames denied (X-Frame-Options and CSP
 * frame-ancestors), no Referer, and HSTS only when cookies are Secure (i.e. the deployment is behind
 * TLS; sending HSTS over plain http development would be meaningless or worse). API responses get a CSP
 * that allows nothing, since nothing in them should ever be rendered or run. The Swagger UI under /docs
 * needs its own scripts and styles (plus inline styles in its page and data: images in its CSS), so it
 * gets a CSP limited to exactly that.
 */
export function securityHeaders(config: AppConfig): RequestHandler {
  const common = {
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
    noSniff: true,
    // Not includeSubDomains: the service may share a parent domain with hosts it does not control.
    strictTransportSecurity: config.cookies.secure ? { maxAge: ONE_YEAR, includeSubDomains: false } : false,
  };
  const api = helmet({
    ...common,
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
  });
  const docs = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", config.http.publicOrigin],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
  });
  return (req: Request, res: Response, next: NextFunction) => (isDocs(req.path) ? docs : api)(req, res, next);
}
