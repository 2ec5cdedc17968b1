import type { components } from './generated/api.js';

/** An RFC 9457 problem as the service answers it (docs/api.md "Errors"). */
export type ProblemDetails = components['schemas']['ProblemDetails'];
/** Every stable error code the service can answer: switch on it, never on `detail`. */
export type ProblemCode = ProblemDetails['code'];

/**
 * The code a response without a problem body stands for (a proxy's HTML 502, an empty 401): clients still
 * switch on one `code`, whatever answered.
 */
const CODE_BY_STATUS: Readonly<Record<number, ProblemCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  502: 'unavailable',
  503: 'unavailable',
  504: 'unavailable',
};

function looksLikeProblem(body: unknown): body is ProblemDetails {
  return typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string' && typeof (body as { status?: unknown }).status === 'number';
}

/** A failed call: the HTTP status, the problem's stable `code` and the whole problem body. */
export class IdentSphereProblem extends Error {
  override readonly name = 'IdentSphereProblem';
  readonly status: number;
  readonly code: ProblemCode;
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }

  /** The problem a response stands for: its problem body, or one derived from the status when it has none. */
  static fromResponse(response: Response, body: unknown): IdentSphereProblem {
    if (looksLikeProblem(body)) return new IdentSphereProblem(body);
    const code = CODE_BY_STATUS[response.status] ?? 'internal';
    const requestId = response.headers.get('X-Request-Id');
    return new IdentSphereProblem({
      type: `urn:identsphere:problem:${code}`,
      title: response.statusText || code,
      status: response.status,
      detail: `The server answered ${response.status} without a problem body.`,
      code,
      ...(requestId ? { requestId } : {}),
    });
  }
}

/** True when `err` is a problem of the service (of that `code`, when given). */
export function isProblem<C extends ProblemCode>(err: unknown, code?: C): err is IdentSphereProblem & { readonly code: C } {
  return err instanceof IdentSphereProblem && (code === undefined || err.code === code);
}
