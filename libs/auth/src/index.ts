export * from './auth.module';
export * from './auth.errors';
export { TokenTransport } from './http/token-transport';
export { bearerTokenOf } from './http/access-token.guard';
export { SessionIssuer, SignedIn } from './flows/session-issuer';
