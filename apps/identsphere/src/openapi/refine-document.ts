import type { OpenAPIObject } from '@nestjs/swagger';
import {
  ADMIN_OPERATION_EXTENSION,
  ADMIN_ROLE,
  ENROLMENT_OPERATION_EXTENSION,
  headerRef,
  NEW_PASSWORD_EXTENSION,
  PROBLEM_CODES,
  PROBLEM_MEDIA_TYPE,
  PROBLEM_SCHEMA_NAME,
  problemContent,
  problemDescription,
  problemSchema,
  ProblemCode,
  PUBLIC_OPERATION_EXTENSION,
  RESPONSE_HEADERS,
} from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { responseHeaders } from './document-base';

/* eslint-disable @typescript-eslint/no-explicit-any -- the document is walked as plain JSON */
type Json = Record<string, any>;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
/** What the HTTP edge answers to a request with a body, whatever the route. */
export const BODY_EDGE_CODES: readonly ProblemCode[] = ['validation_failed', 'malformed_json', 'bad_request', 'payload_too_large', 'unsupported_media_type'];
const TOKEN_SCHEMES = ['accessToken', 'metricsToken'];

/**
 * Completes the document that Nest derives from the decorators with what holds for every operation (the
 * edge's answers, response headers, public operations) and with values of the running configuration.
 */
export function refineDocument(document: OpenAPIObject, config: AppConfig): OpenAPIObject {
  const components = document.components as Json;
  components.schemas = { ...components.schemas, [PROBLEM_SCHEMA_NAME]: problemSchema() };
  components.headers = responseHeaders(config);
  for (const operation of operationsOf(document)) refineOperation(operation, components, config);
  applyPasswordMinimum(components.schemas, config.passwords.minLength);
  for (const operation of operationsOf(document)) admitMachineClients(operation);
  return document;
}

export function operationsOf(document: OpenAPIObject): Json[] {
  return Object.values(document.paths as Json).flatMap((item: Json) => HTTP_METHODS.filter((m) => item[m]).map((m) => item[m]));
}

function refineOperation(operation: Json, components: Json, config: AppConfig): void {
  applySecurity(operation, config);
  applyAdminSecurity(operation);
  if (operation.requestBody) {
    addProblems(operation, BODY_EDGE_CODES);
    closeRequestSchema(operation.requestBody, components.schemas);
  }
  addProblems(operation, ['internal']);
  if (refusedToEnrolOnlySessions(operation)) addProblems(operation, ['mfa_enrollment_required']);
  for (const schema of oneOfAlternatives(operation, components.schemas)) schema.additionalProperties = false;
  const tokenSecured = (operation.security as Json[]).some((requirement) => TOKEN_SCHEMES.some((scheme) => scheme in requirement));
  for (const [status, response] of Object.entries(operation.responses as Record<string, Json>)) {
    response.headers = { [RESPONSE_HEADERS.requestId]: headerRef(RESPONSE_HEADERS.requestId), ...response.headers };
    if (status === '429' || status === '503') response.headers[RESPONSE_HEADERS.retryAfter] = headerRef(RESPONSE_HEADERS.retryAfter);
    if (status === '401' && tokenSecured) response.headers[RESPONSE_HEADERS.wwwAuthenticate] = headerRef(RESPONSE_HEADERS.wwwAuthenticate);
  }
}

/**
 * Public operations need no access token (`security: []`); those that a refresh cookie or token may
 * authenticate list those schemes and `{}`, since bearer mode carries the refresh token in the body.
 */
function applySecurity(operation: Json, config: AppConfig): void {
  const isPublic = operation[PUBLIC_OPERATION_EXTENSION] === true;
  delete operation[PUBLIC_OPERATION_EXTENSION];
  if (operation.operationId === 'getMetrics') {
    operation.security = config.observability.metricsToken === null ? [] : [{ metricsToken: [] }];
    if (config.observability.metricsToken === null) delete operation.responses['401'];
    return;
  }
  if (isPublic) operation.security = operation.security?.length ? [...operation.security, {}] : [];
  operation.security ??= [{ accessToken: [] }];
}

/**
 * An @AdminOnly() operation: an admin user's access token, and 403 `forbidden` for any other caller. The
 * marker stays for admitMachineClients (the oauth2 scheme for client-credentials tokens), which removes it.
 */
function applyAdminSecurity(operation: Json): void {
  if (operation[ADMIN_OPERATION_EXTENSION] !== true) return;
  operation.security = [{ accessToken: [] }];
  // The guard answers mfa_enrollment_required to an admin without a factor (writes) and to enrol-only sessions.
  addProblems(operation, ['forbidden', 'mfa_enrollment_required']);
}

/**
 * With IDENTSPHERE_MFA_REQUIRED=all the guard answers 403 mfa_enrollment_required on every access-token
 * operation an enrol-only session may not call (those not marked @AllowedDuringEnrolment()).
 */
function refusedToEnrolOnlySessions(operation: Json): boolean {
  const allowed = operation[ENROLMENT_OPERATION_EXTENSION] === true;
  delete operation[ENROLMENT_OPERATION_EXTENSION];
  return !allowed && (operation.security as Json[]).length > 0 && (operation.security as Json[]).every((requirement) => 'accessToken' in requirement);
}

const OWN_ERROR_BODY = 'The operation\'s own error body (application/json)';

/** Adds problem codes to an operation, merging them into an existing response of the same status. */
function addProblems(operation: Json, codes: readonly ProblemCode[]): void {
  for (const code of codes) {
    const status = String(PROBLEM_CODES[code].status);
    const existing = operation.responses[status]?.content?.[PROBLEM_MEDIA_TYPE]?.examples as Json | undefined;
    const merged = [...new Set([...(Object.keys(existing ?? {}) as ProblemCode[]), code])];
    // An operation's own error body (the OAuth endpoints' application/json) stays beside the problem details.
    const { [PROBLEM_MEDIA_TYPE]: _replaced, ...ownContent } = (operation.responses[status]?.content ?? {}) as Json;
    const description = Object.keys(ownContent).length ? `${OWN_ERROR_BODY}; or ${problemDescription(merged)}` : problemDescription(merged);
    operation.responses[status] = { ...operation.responses[status], description, content: { ...ownContent, ...problemContent(merged) } };
  }
}

/** The server refuses unknown properties in every body, so the document says so. */
function closeRequestSchema(requestBody: Json, schemas: Json): void {
  const ref = requestBody.content?.['application/json']?.schema?.$ref as string | undefined;
  const schema = ref ? schemas[ref.split('/').pop() as string] : undefined;
  if (schema) schema.additionalProperties = false;
}

/** Alternatives of a oneOf must exclude each other: a bearer-mode body must not also match the cookie-mode schema. */
function oneOfAlternatives(operation: Json, schemas: Json): Json[] {
  return Object.values(operation.responses as Record<string, Json>)
    .flatMap((response) => Object.values((response.content ?? {}) as Record<string, Json>))
    .flatMap((media) => (media.schema?.oneOf ?? []) as Json[])
    .map((alternative) => schemas[String(alternative.$ref).split('/').pop() as string])
    .filter(Boolean);
}

function applyPasswordMinimum(schemas: Json, minLength: number): void {
  for (const schema of Object.values(schemas) as Json[]) {
    for (const property of Object.values((schema.properties ?? {}) as Record<string, Json>)) {
      if (property[NEW_PASSWORD_EXTENSION] !== true) continue;
      delete property[NEW_PASSWORD_EXTENSION];
      property.minLength = minLength;
    }
  }
}

/** Admin operations also admit a machine client's client-credentials token with the admin scope. */
function admitMachineClients(operation: Json): void {
  if (operation[ADMIN_OPERATION_EXTENSION] !== true) return;
  delete operation[ADMIN_OPERATION_EXTENSION];
  operation.security = [...(operation.security ?? []), { oauth2: [ADMIN_ROLE] }];
}
