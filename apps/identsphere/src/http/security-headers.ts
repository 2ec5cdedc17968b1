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
  const apiHeaders = fixedHeaders(api);
  const docsHeaders = fixedHeaders(docs);
  return (req: Request, res: Response, next: NextFunction) => {
    for (const [name, value] of isDocs(req.path) ? docsHeaders : apiHeaders) res.setHeader(name, value);
    next();
  };
}

/**
 * The headers one helmet policy sets, computed once. None of ours depends on the request (no directive is a
 * function), so each response copies a fixed list instead of running helmet's dozen chained middlewares
 * again: a tenth of a no-op request's CPU (measured with wrk, see docs/sizing.md).
 */
function fixedHeaders(policy: RequestHandler): ReadonlyArray<readonly [string, string]> {
  const headers: Array<[string, string]> = [];
  let done = false;
  // Its one removal, X-Powered-By, never needs doing: configureApp stops Express from setting it.
  const recorder = { setHeader: (name: string, value: unknown) => headers.push([name, String(value)]), removeHeader: () => undefined };
  policy({} as Request, recorder as unknown as Response, () => (done = true));
  if (!done) throw new Error('the security headers policy did not complete synchronously');
  return headers;
}
