// Verification of IdentSphere access tokens for resource servers. The Express middleware is here (it needs
// nothing from Express); the Nest guard and decorators are in '@identsphere/verify/nest'.
export { createVerifier, type Verifier, type VerifierOptions } from './verifier.js';
export type { IntrospectionOptions } from './introspection.js';
export { VerifyError, isVerifyError, type VerifyFailureReason, type VerifyProblemCode } from './errors.js';
export { scopesOf, isClientToken, type AccessTokenClaims } from './claims.js';
export { authenticate, assertAllowed, bearerTokenOf, type AccessRequirement } from './authorize.js';
export { problemFor, requestIdOf, type Problem, type ProblemResponse } from './problem.js';
export { requireAuth, authOf, type RequireAuthOptions, type RequestLike, type ResponseLike, type NextFunctionLike } from './express.js';
