import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '@identsphere/common';

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;
const CHARSET_PARAMETER = /;\s*charset\s*=\s*"?([^";\s]*)"?/gi;

/** JSON is UTF-8 on the wire (RFC 8259); any other declared charset would be decoded into different text. */
function declaresOtherCharset(contentType: string): boolean {
  return [...contentType.matchAll(CHARSET_PARAMETER)].some(([, charset]) => charset.toLowerCase() !== 'utf-8');
}

/**
 * A request that carries a body must declare JSON. Body-less POSTs (refresh and logout in cookie mode,
 * logout-all) are accepted without a Content-Type, as docs/api.md promises.
 */
export function jsonOnly(req: Request, _res: Response, next: NextFunction): void {
  const length = req.headers['content-length'];
  const hasBody = (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return next();
  const type = req.headers['content-type'];
  if (type && JSON_TYPE.test(type) && !declaresOtherCharset(type)) return next();
  next(new DomainError('unsupported_media_type', 'unsupported_media_type', 'Send the body as application/json in UTF-8.'));
}

const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/**
 * jsonOnly, except that the `formPaths` (the OAuth endpoints, whose RFCs define form bodies) also accept a
 * UTF-8 `application/x-www-form-urlencoded` body. Every other route still answers 415 to a form.
 */
export function jsonOrFormOnly(formPaths: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const type = req.headers['content-type'];
    if (formPaths.includes(req.path) && type && FORM_TYPE.test(type) && !declaresOtherCharset(type)) return next();
    jsonOnly(req, res, next);
  };
}
