import type { AppConfig } from '@identsphere/config';

/** The route the SSO callback is served at (libs/auth); the admin API shows the full URI to register. */
export const SSO_CALLBACK_PATH = '/v1/auth/sso/callback';

/** `<IDENTSPHERE_PUBLIC_BASE_URL>/v1/auth/sso/callback`: the redirect URI every provider must have registered. */
export const ssoRedirectUri = (config: AppConfig): string => `${config.http.publicBaseUrl}${SSO_CALLBACK_PATH}`;
