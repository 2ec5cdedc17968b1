export * from './tokens.module';
export { AccessTokenService, AccessTokenSubject, IssuedAccessToken } from './access-token.service';
export { KeyRing } from './jwt/key-ring';
