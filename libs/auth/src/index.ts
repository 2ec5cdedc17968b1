export * from './auth.module';
export * from './auth.errors';
export { TokenTransport } from './http/token-transport';
export { refreshCookieName } from './http/refresh-cookie-name';
export { bearerTokenOf } from './http/access-token.guard';
export { SessionIssuer, SignedIn } from './flows/session-issuer';
export { MAIL_IP_LIMIT, MAIL_RECIPIENT_LIMIT } from './flows/mail-throttle';
export { DisableAccountFlow, DisableRequest } from './flows/disable-account.flow';
