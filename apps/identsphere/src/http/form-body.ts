import express, { RequestHandler } from 'express';

const MAX_BODY = '64kb';
/** No OAuth request has more than five parameters; more is refused (413) before anything reads them. */
const MAX_PARAMETERS = 20;

/**
 * body-parser's form reader for `paths` only, with the JSON reader's size limit. `extended: false`: flat
 * parameters, and a repeated one becomes an array, which the OAuth endpoints refuse (RFC 6749 §3.2).
 */
export function formBody(paths: readonly string[]): RequestHandler {
  const parse = express.urlencoded({ extended: false, limit: MAX_BODY, parameterLimit: MAX_PARAMETERS, type: 'application/x-www-form-urlencoded' });
  return (req, res, next) => (paths.includes(req.path) ? parse(req, res, next) : next());
}
