export * from './app-config';
export * from './config-error';
export * from './config.module';
export { loadConfig } from './load-config';
export { ENVIRONMENT_VARIABLE_NAMES } from './environment.schema';
export { OidcProviderSetting } from './oidc-providers-setting';
export * from './identity-provider-rules';
