import { INestApplication, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import express from 'express';
import { AuthMetrics, SSO_FORM_PATHS } from '@identsphere/auth';
import { AppConfig } from '@identsphere/config';
import { PasswordHasher } from '@identsphere/crypto';
import { DatabasePing } from '@identsphere/health';
import { OAUTH_FORM_PATHS } from '@identsphere/oauth';
import { RequestTelemetry } from '@identsphere/observability';
import { mountOpenApi } from '../openapi/openapi';
import { corsOptions, corsRefusals } from './cors-policy';
import { jsonBody } from './json-body';
import { formBody } from './form-body';
import { jsonOrFormOnly } from './json-only.middleware';
import { OverloadRefusal } from './overload-refusal';
import { ProblemDetailsFilter } from './problem-details.filter';
import { requestId } from './request-id.middleware';
import { securityHeaders } from './security-headers';
import { refuseControlCharacters } from './text-fields.middleware';
import { AppValidationPipe } from './validation.pipe';

/** Everything about the HTTP edge, shared by main.ts and the e2e tests so both run the same stack. */
export function configureApp(nestApp: INestApplication, config: AppConfig): void {
  const app = nestApp as NestExpressApplication;
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.disable('x-powered-by');
  // No ETag: nothing of ours is fetched conditionally, and Express would hash every response body (SHA-1) for it.
  http.set('etag', false);
  // Express counts hops from the socket: with N trusted proxies req.ip is the right-most untrusted address.
  http.set('trust proxy', config.http.trustProxyHops);
  // First, so the request log line and latency histogram also cover requests refused before routing.
  app.use(app.get(RequestTelemetry).middleware);
  app.use(requestId);
  // Early, so refusals by later middleware (413, 415, 400 malformed_json) carry these headers too, and a
  // browser on an allowed origin can read those refusals.
  app.use(securityHeaders(config));
  app.use(corsRefusals(config));
  app.enableCors(corsOptions(config));
  // Before the body parsers, and in front of Express for most: a refusal in a login storm must cost next to nothing.
  const hasher = providerOf(app, PasswordHasher);
  const authMetrics = providerOf(app, AuthMetrics);
  if (hasher && authMetrics) {
    const refusal = new OverloadRefusal({ refusesNow: () => hasher.refusesNow(), onRefused: () => authMetrics.login('overloaded') });
    refusal.install(app.getHttpServer(), http);
    app.use(refusal.middleware);
  }
  // JSON everywhere; the OAuth endpoints (RFC 6749 §3.2) and back-channel logout (OIDC BCL §2.5) also take forms.
  const formPaths = [...OAUTH_FORM_PATHS, ...SSO_FORM_PATHS];
  app.use(jsonOrFormOnly(formPaths));
  app.use(jsonBody());
  app.use(formBody(formPaths));
  app.use(refuseControlCharacters);
  app.use(cookieParser());
  app.useGlobalPipes(new AppValidationPipe());
  const databasePing = providerOf(app, DatabasePing);
  app.useGlobalFilters(new ProblemDetailsFilter(() => databasePing?.reportUnavailable()));
  mountOpenApi(app, config);
}

/** A provider the app may not have: the HTTP-edge tests compose the edge around a probe module only. */
function providerOf<T>(app: INestApplication, token: Type<T>): T | null {
  try {
    return app.get(token, { strict: false });
  } catch {
    return null;
  }
}
