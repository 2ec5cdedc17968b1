// @identsphere/spa: the session of a browser SPA signed in to IdentSphere in cookie mode. The access token
// lives in memory only; the refresh token is the service's HttpOnly cookie; the app's tabs share one
// refresh at a time (tab-sync.ts).
export { createSession } from './session.js';
export { stepUpMethods } from './step-up.js';
export type {
  MfaInput,
  PasskeyRegistration,
  Session,
  SessionEventName,
  SessionOptions,
  SessionStatus,
  SignInResult,
  StepUpInput,
  StepUpMethod,
  StepUpResult,
} from './types.js';
export { IdentSphereProblem, isProblem, unwrap } from '@identsphere/client';
export type { Client, components, MfaMethod, paths, ProblemCode, ProblemDetails, User } from '@identsphere/client';
