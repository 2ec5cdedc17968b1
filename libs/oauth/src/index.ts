export * from './oauth.module';
export { OAUTH_FORM_PATHS, FORM_MEDIA_TYPE } from './http/oauth-endpoint';
