import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '@identsphere/common';

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/**
 * A request that carries a body must declare JSON. Body-less POSTs (refresh and logout in cookie mode,
 * logout-all) are accepted without a Content-Type, as API.md promises.
 */
export function jsonOnly(req: Request, _res: Response, next: NextFunction): void {
  const length = req.headers['content-length'];
  const hasBody = (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return next();
  const type = req.headers['content-type'];
  if (type && JSON_TYPE.test(type)) return next();
  next(new DomainError('unsupported_media_type', 'unsupported_media_type', 'Send the body as application/json.'));
}
