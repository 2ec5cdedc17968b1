import { IdentSphereProblem } from './problem.js';

/** What every openapi-fetch call resolves to. */
export interface FetchResult<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * The data of a successful call, or the call's problem thrown as an IdentSphereProblem, so that flows read
 * top to bottom: `const me = unwrap(await client.GET('/v1/me'))`.
 */
export function unwrap<T>(result: FetchResult<T>): T {
  if (!result.response.ok) throw IdentSphereProblem.fromResponse(result.response, result.error);
  return result.data as T;
}
