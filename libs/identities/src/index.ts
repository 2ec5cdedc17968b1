export * from './identities.module';
export * from './identity-provider';
export { LinkedIdentity } from './linked-identity';
export { IdentitySecretCipher } from './identity-secret-cipher';
export { IdentityProviders } from './identity-providers';
export { UserIdentities } from './user-identities';
export { IdentityErrors } from './identities.errors';
export { SSO_CALLBACK_PATH, ssoRedirectUri } from './sso-redirect-uri';
