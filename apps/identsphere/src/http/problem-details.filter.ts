import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, FieldError, isDomainError } from '@identsphere/common';
import { isDatabaseUnavailableError } from '@identsphere/database';
import { fieldRuleOf } from './field-rules';
import { CODE_BY_STATUS, STATUS_BY_KIND, titleOf } from './problem-status';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: readonly FieldError[];
  methods?: readonly string[];
  startUrl?: string;
  retryAfterSeconds?: number;
  headers?: Readonly<Record<string, string>>;
}

// body-parser reports its failures through `type`; these are client errors, never 500s.
const BODY_PARSER_PROBLEMS: Record<string, Omit<Problem, 'detail'> & { detail: string }> = {
  'entity.parse.failed': { status: 400, code: 'malformed_json', detail: 'The request body is not valid JSON.' },
  'entity.too.large': { status: 413, code: 'payload_too_large', detail: 'The request body exceeds 64 KiB.' },
  'parameters.too.many': { status: 413, code: 'payload_too_large', detail: 'The form has too many parameters.' },
  'encoding.unsupported': { status: 415, code: 'unsupported_media_type', detail: 'Unsupported content encoding.' },
  'charset.unsupported': { status: 415, code: 'unsupported_media_type', detail: 'Unsupported charset.' },
  'request.aborted': { status: 400, code: 'bad_request', detail: 'The request was aborted.' },
  'request.size.invalid': { status: 400, code: 'bad_request', detail: 'The request body size does not match Content-Length.' },
};

/** Nest's Express adapter wraps body-parser errors in an HttpException, keeping the original as `cause`. */
function bodyParserType(exception: unknown): string | undefined {
  for (const candidate of [exception, (exception as { cause?: unknown })?.cause]) {
    const type = (candidate as { type?: unknown } | undefined)?.type;
    if (typeof type === 'string') return type;
  }
  return undefined;
}

/**
 * Maps every error to RFC 9457 problem details. Domain errors keep their stable code; anything
 * unexpected becomes a logged 500 `internal` carrying only the request id.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  /** `onDatabaseUnavailable`: told each time a request fails because the database is unreachable (readiness). */
  constructor(private readonly onDatabaseUnavailable: () => void = () => undefined) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    if (res.headersSent) return;

    const terminus = this.terminusBody(exception);
    if (terminus) {
      res.status(503).json(terminus);
      return;
    }
    const problem = this.toProblem(exception, req);
    for (const [name, value] of Object.entries(problem.headers ?? {})) res.setHeader(name, value);
    if (problem.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(problem.retryAfterSeconds))));
    res
      .status(problem.status)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: `urn:identsphere:problem:${problem.code}`,
          title: titleOf(problem.code),
          status: problem.status,
          detail: problem.detail,
          code: problem.code,
          requestId: req.id,
          ...(problem.errors ? { errors: problem.errors } : {}),
          ...(problem.methods ? { methods: problem.methods } : {}),
          ...(problem.startUrl ? { startUrl: problem.startUrl } : {}),
        }),
      );
  }

  private toProblem(exception: unknown, req: Request): Problem {
    if (isDomainError(exception)) return this.fromDomain(exception);
    const parserType = bodyParserType(exception);
    if (parserType && BODY_PARSER_PROBLEMS[parserType]) return BODY_PARSER_PROBLEMS[parserType];
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Every code must be one of PROBLEM_CODES (the documented enum), so an unmapped 4xx is a plain bad_request.
      const code = CODE_BY_STATUS[status] ?? 'bad_request';
      if (status < 500) return { status, code, detail: status === 404 ? 'No such route.' : titleOf(code) + '.' };
    }
    if (isDatabaseUnavailableError(exception)) {
      this.onDatabaseUnavailable();
      this.logger.warn(`database unavailable requestId=${req.id} ${req.method} ${req.route?.path ?? req.path}: ${(exception as Error).message}`);
      return { status: 503, code: 'unavailable', detail: 'The database is unreachable; try again shortly.', retryAfterSeconds: 5 };
    }
    this.logger.error(`unhandled error requestId=${req.id} ${req.method} ${req.route?.path ?? req.path}`, (exception as Error)?.stack ?? String(exception));
    return { status: 500, code: 'internal', detail: 'An unexpected error occurred; quote the request id when reporting it.' };
  }

  private fromDomain(e: DomainError): Problem {
    return {
      status: STATUS_BY_KIND[e.kind],
      code: e.code,
      detail: e.detail,
      // Rules are a documented enum too; a lib that names its own rule still answers with a listed one.
      errors: e.options.errors?.map((error) => ({ ...error, rule: fieldRuleOf(error.rule ?? 'invalid_format') })),
      methods: e.options.methods,
      startUrl: e.options.startUrl,
      retryAfterSeconds: e.options.retryAfterSeconds,
      headers: e.options.headers,
    };
  }

  /** Terminus answers an unhealthy check with its own documented body; keep that format. */
  private terminusBody(exception: unknown): object | null {
    if (!(exception instanceof HttpException) || exception.getStatus() !== 503) return null;
    const body = exception.getResponse() as { status?: string; details?: unknown };
    return body && typeof body === 'object' && body.status === 'error' && 'details' in body ? body : null;
  }
}
