import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { overloaded } from '@identsphere/crypto';
import { titleOf } from './problem-status';

/** The routes whose every request waits for a password hash before it can answer anything but 503. */
export const PASSWORD_LOGIN_PATHS: readonly string[] = ['/v1/auth/login'];

export interface OverloadRefusalOptions {
  /** True (and the refusal counted by the gate) when the password-hash gate could not even queue one more. */
  readonly refusesNow: () => boolean;
  /** Counts the refused login (auth's `login{outcome="overloaded"}`), as the flow would have. */
  readonly onRefused: () => void;
}

/**
 * A login storm's refusals, answered before the body is read, parsed or validated and before any throttle
 * or database work: in a storm most requests are refused, so what a refusal costs decides how much CPU
 * is left for the logins that do get a hash (issue 15: at most 0.1 ms each). Mounted after the request id,
 * security and CORS headers, so the answer is the very 503 `overloaded` problem the flow would give
 * (ProblemDetailsFilter's format, Retry-After included); the unread body is discarded by Node.
 */
export function refuseOverloadedLogins(options: OverloadRefusalOptions, paths: readonly string[] = PASSWORD_LOGIN_PATHS): RequestHandler {
  const refusal = overloaded(1);
  const title = titleOf(refusal.code);
  const retryAfter = String(refusal.options.retryAfterSeconds);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST' || !paths.includes(req.path) || !options.refusesNow()) return next();
    options.onRefused();
    res.setHeader('Retry-After', retryAfter);
    res
      .status(503)
      .type('application/problem+json')
      .send(JSON.stringify({ type: `urn:identsphere:problem:${refusal.code}`, title, status: 503, detail: refusal.detail, code: refusal.code, requestId: req.id }));
  };
}
