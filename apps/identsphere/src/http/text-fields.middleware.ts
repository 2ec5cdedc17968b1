import type { NextFunction, Request, Response } from 'express';
import { CommonErrors, FieldError } from '@identsphere/common';

/**
 * C0 (tab and newline included: no field of ours is multi-line), DEL, C1, and UTF-16 surrogates that are
 * not part of a pair (JSON's \ud800 escapes reach us as such). PostgreSQL refuses NUL outright, and the
 * rest can forge log lines, mail headers or what another user sees.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Every string in a parsed JSON body (already depth-limited) that holds a forbidden character. */
export function controlCharacterErrors(value: unknown, field = ''): FieldError[] {
  if (typeof value === 'string') {
    return FORBIDDEN.test(value) ? [{ field, message: 'must not contain control characters', rule: 'control_characters' }] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => controlCharacterErrors(child, field ? `${field}.${key}` : key));
}

/**
 * One check for every text field of every request body, passwords included (control characters are not
 * printable, so no password policy needs them), so that a new DTO field cannot forget it.
 */
export function refuseControlCharacters(req: Request, _res: Response, next: NextFunction): void {
  const errors = controlCharacterErrors(req.body);
  next(errors.length > 0 ? CommonErrors.validationFailed(errors) : undefined);
}
