import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { FIELD_RULE_LIST, PROBLEM_CODE_LIST, PROBLEM_CODES, ProblemCode } from './problem-codes';

export const PROBLEM_SCHEMA_NAME = 'ProblemDetails';
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** Response headers declared once under components.headers (the document builder defines them). */
export const RESPONSE_HEADERS = {
  requestId: 'X-Request-Id',
  retryAfter: 'Retry-After',
  wwwAuthenticate: 'WWW-Authenticate',
  cacheControlNoStore: 'Cache-Control-No-Store',
  cacheControlPublic: 'Cache-Control-Public',
  setRefreshCookie: 'Set-Refresh-Cookie',
  clearRefreshCookie: 'Clear-Refresh-Cookie',
} as const;

export const headerRef = (name: (typeof RESPONSE_HEADERS)[keyof typeof RESPONSE_HEADERS]) => ({ $ref: `#/components/headers/${name}` });

const EXAMPLE_REQUEST_ID = '3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f';

/** RFC 9457 problem details, as every error response of the API is shaped. */
export function problemSchema() {
  return {
    type: 'object',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: { type: 'string', description: '`urn:identsphere:problem:<code>`', example: 'urn:identsphere:problem:invalid_credentials' },
      title: { type: 'string', example: 'Invalid credentials' },
      status: { type: 'integer', minimum: 400, maximum: 599, example: 401 },
      detail: { type: 'string', description: 'For humans; may change at any time', example: 'The email or password is incorrect.' },
      code: { type: 'string', enum: PROBLEM_CODE_LIST, description: 'Stable machine-readable error code; switch on this, never on detail', example: 'invalid_credentials' },
      requestId: { type: 'string', description: 'The X-Request-Id of the request; quote it when reporting a problem', example: EXAMPLE_REQUEST_ID },
      methods: {
        type: 'array',
        description: 'The sign-in methods that would be accepted (step_up_required, method_not_available)',
        example: ['totp', 'recovery_code'],
        items: { type: 'string', enum: ['password', 'totp', 'recovery_code', 'webauthn'], example: 'totp' },
      },
      startUrl: {
        type: 'string',
        format: 'uri',
        description: 'sso_required: the SSO start URL for the email\'s domain',
        example: 'https://auth.example.com/v1/auth/sso/start?provider=acme',
      },
      errors: {
        type: 'array',
        description: 'Per-field problems (validation_failed, weak_password)',
        example: [{ field: 'email', message: 'email must be an email', rule: 'invalid_email' }],
        items: {
          type: 'object',
          required: ['field', 'message', 'rule'],
          properties: {
            field: { type: 'string', description: 'The property path; empty for the body as a whole', example: 'email' },
            message: { type: 'string', description: 'For humans', example: 'email must be an email' },
            rule: { type: 'string', enum: FIELD_RULE_LIST, example: 'invalid_email' },
          },
        },
      },
    },
    example: problemExample('invalid_credentials'),
  };
}

/** A complete problem body for `code`, as the service would answer it. */
export function problemExample(code: ProblemCode) {
  const { status, meaning } = PROBLEM_CODES[code];
  const title = code.charAt(0).toUpperCase() + code.slice(1).replace(/_/g, ' ');
  const base = { type: `urn:identsphere:problem:${code}`, title, status, detail: meaning.replace(/`/g, ''), code, requestId: EXAMPLE_REQUEST_ID };
  if (code === 'validation_failed') return { ...base, errors: [{ field: 'email', message: 'email must be an email', rule: 'invalid_email' }] };
  if (code === 'step_up_required' || code === 'method_not_available') return { ...base, methods: ['totp', 'recovery_code'] };
  if (code === 'sso_required') return { ...base, startUrl: 'https://auth.example.com/v1/auth/sso/start?provider=acme' };
  if (code === 'weak_password') return { ...base, errors: [{ field: 'password', message: 'must be at least 15 characters', rule: 'too_short' }] };
  return base;
}

/** The problem-details content of one response: the schema plus one named example per code. */
export function problemContent(codes: readonly ProblemCode[]) {
  const examples = Object.fromEntries(codes.map((code) => [code, { summary: PROBLEM_CODES[code].meaning, value: problemExample(code) }]));
  return { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` }, examples } };
}

export const problemDescription = (codes: readonly ProblemCode[]) => `Problem details; code: ${codes.map((c) => '`' + c + '`').join(', ')}`;

/**
 * Documents the problem answers an operation gives, by code: `@ApiProblems('invalid_credentials', 'rate_limited')`.
 * Codes are grouped by their status (PROBLEM_CODES). The answers the HTTP edge gives to any request
 * (malformed JSON, 413, 415, 500) are added by the document builder.
 */
export function ApiProblems(...codes: ProblemCode[]) {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of new Set(codes)) {
    const status = PROBLEM_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ...[...byStatus].map(([status, group]) => ApiResponse({ status, description: problemDescription(group), content: problemContent(group) })),
  );
}

/**
 * Marks a new-password property; the document builder sets its minLength to the configured minimum
 * (IDENTSPHERE_PASSWORD_MIN_LENGTH), so the document describes the running service.
 */
export const NEW_PASSWORD_EXTENSION = 'x-identsphere-new-password';

/** `<session id>.<counter>.<43-character base64url MAC>`, the shape of every refresh token the service issues. */
export const REFRESH_TOKEN_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.[0-9]{1,9}\\.[A-Za-z0-9_-]{43}$';
export const EXAMPLE_REFRESH_TOKEN = '0b6f8f2e-5c1d-4e8a-9f3b-7a2c1d0e9f84.3.q2VzcGVyLXJlZnJlc2gtdG9rZW4tZXhhbXBsZS0wMDA';
