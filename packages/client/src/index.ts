// @identsphere/client: a typed client of the IdentSphere HTTP API. The types are generated at build time
// from the service's OpenAPI document (src/generated/api.ts); this file adds the two auth modes, typed
// problems and unwrap().
export type { components, operations, paths } from './generated/api.js';
export type { Client } from 'openapi-fetch';
export { createIdentSphereClient } from './client.js';
export type { AuthMode, IdentSphereClient, IdentSphereClientOptions } from './client.js';
export { IdentSphereProblem, isProblem } from './problem.js';
export type { ProblemCode, ProblemDetails } from './problem.js';
export { unwrap } from './unwrap.js';
export type { FetchResult } from './unwrap.js';
export type {
  LoginResponse,
  MfaMethod,
  MfaRequiredResponse,
  StepUpResponse,
  User,
} from './schemas.js';
