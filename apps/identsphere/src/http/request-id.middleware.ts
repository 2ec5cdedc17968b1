import type { NextFunction, Request, Response } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import { randomUUID } from 'node:crypto';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
  }
}

/** A sane client X-Request-Id, otherwise a new one. */
export function requestIdOf(headers: IncomingHttpHeaders): string {
  const incoming = headers['x-request-id'];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** Echo a sane client X-Request-Id, otherwise mint one; every response carries it. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  req.id = requestIdOf(req.headers);
  res.setHeader('X-Request-Id', req.id);
  next();
}
