import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

export const PROBLEM_SCHEMA_NAME = 'ProblemDetails';

/** RFC 9457 problem details, as every error response of the API is shaped. */
export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', description: 'A URI identifying the problem type' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'Stable machine-readable error code; switch on this, never on detail' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' }, rule: { type: 'string' } },
      },
    },
  },
} as const;

const RETRY_AFTER_STATUSES = new Set([429, 503]);

/**
 * Documents error responses with the problem schema: `@ApiProblems({ 401: ['invalid_credentials'] })`.
 * Every route also gets the generic 400/413/415/500 responses that the edge can produce.
 */
export function ApiProblems(byStatus: Record<number, readonly string[]>) {
  const all: Record<number, readonly string[]> = { 500: ['internal'], ...byStatus };
  return applyDecorators(
    ...Object.entries(all).map(([status, codes]) =>
      ApiResponse({
        status: Number(status),
        description: `Problem details; code: ${codes.map((c) => '`' + c + '`').join(', ')}`,
        content: { 'application/problem+json': { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` } } },
        headers: RETRY_AFTER_STATUSES.has(Number(status)) ? { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } } : undefined,
      }),
    ),
  );
}
