export * from './tokens.module';
export { AccessTokenService, AccessTokenSubject, IssuedAccessToken } from './access-token.service';
export { KeyRing } from './jwt/key-ring';
export { hs256KeyBytes } from './jwt/key-material';
export { OneTimeTokensService } from './one-time-tokens/one-time-tokens.service';
export { OneTimeTokenGrant, OneTimeTokenPurpose, ONE_TIME_TOKEN_PURPOSES } from './one-time-tokens/one-time-token';
