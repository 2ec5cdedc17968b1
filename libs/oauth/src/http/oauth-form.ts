import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { OAuthErrors } from '../oauth-error';

/**
 * Reads an OAuth request body (form-encoded, or JSON) into `dto`. RFC 6749 §3.2: empty parameters count as
 * omitted and unknown ones are ignored, so this does not use the global pipe (which refuses unknown
 * properties and answers problem details); any failure is an OAuth `invalid_request` naming the parameter.
 * A repeated parameter arrives as an array and fails its string check, as §3.2 requires.
 */
export function readOAuthForm<T extends object>(dto: new () => T, body: unknown): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw OAuthErrors.invalidRequest('The request body must be a form (application/x-www-form-urlencoded).');
  const present = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== ''));
  const form = plainToInstance(dto, present, { excludeExtraneousValues: false });
  const [failure] = validateSync(form, { whitelist: true, forbidUnknownValues: true });
  if (failure) throw OAuthErrors.invalidRequest(`The parameter ${failure.property} is missing, repeated or malformed.`);
  return form;
}
