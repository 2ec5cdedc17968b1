import { DocumentBuilder, OpenAPIObject } from '@nestjs/swagger';
import { RESPONSE_HEADERS } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { refreshCookieName } from '@identsphere/auth';
import { CLIENT_SCOPES } from '@identsphere/clients';

/** The machine-client scopes, as the oauth2 security scheme lists them. */
const CLIENT_SCOPE_DESCRIPTIONS: Record<(typeof CLIENT_SCOPES)[number], string> = {
  admin: 'Call the admin API (operations tagged clients, and every other admin operation)',
  introspect: 'Call POST /oauth/introspect',
};

/** What the service answers when IDENTSPHERE_PUBLIC_BASE_URL is not set. */
const DEFAULT_PUBLIC_BASE_URL = 'http://localhost:4000';

/**
 * The document's server: the configured public URL, or `/` (relative to wherever the document was
 * fetched from) when none was configured, so a development default never ends up in a published document.
 */
export const serverUrlOf = (config: AppConfig) => (config.http.publicBaseUrl === DEFAULT_PUBLIC_BASE_URL ? '/' : config.http.publicBaseUrl);

export function documentBase(config: AppConfig): Omit<OpenAPIObject, 'paths'> {
  const builder = new DocumentBuilder()
    .setTitle('IdentSphere')
    .setDescription('Self-hosted authentication backend: sessions with rotating refresh tokens, JWT access tokens, JWKS. The contract is described in docs/api.md.')
    .setVersion('1')
    .addServer(serverUrlOf(config))
    .addTag('auth', 'Sign-up, sign-in, refresh and sign-out; email verification and password recovery')
    .addTag('account', 'The signed-in user: profile, password, email, sessions and security events')
    .addTag('mfa', 'Second factors of the signed-in user: authenticator app, recovery codes and passkeys')
    .addTag('tokens', 'Keys and discovery for verifying access tokens')
    .addTag('health', 'Readiness and liveness probes')
    .addTag('operations', 'Prometheus metrics')
    .addTag('admin', 'Administration: users, security events and support actions (admin role, MFA step-up for writes)')
    .addTag('clients', 'Machine clients (service accounts) of the admin API: admin users or clients with the admin scope')
    .addTag('oauth', 'OAuth endpoints for machine clients and resource servers: client credentials, introspection, revocation')
    .addTag('webhooks', 'Administration: signed webhook endpoints for account events, and their deliveries')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from a login-like answer' }, 'accessToken')
    .addCookieAuth(refreshCookieName(config), { type: 'apiKey', in: 'cookie', description: 'The HttpOnly refresh cookie (cookie mode); needs X-IdentSphere-CSRF: 1' }, 'refreshCookie')
    .addBasicAuth({ type: 'http', scheme: 'basic', description: 'A machine client: client_id and client_secret (client_secret_basic, RFC 6749 §2.3.1)' }, 'clientSecretBasic')
    .addOAuth2(
      { type: 'oauth2', description: 'A machine client\'s access token from the client credentials grant', flows: { clientCredentials: { tokenUrl: '/oauth/token', scopes: CLIENT_SCOPE_DESCRIPTIONS } } },
      'oauth2',
    )
    .addSecurityRequirements('accessToken');
  // Only a configured metrics token protects /metrics; without one the scheme would describe nothing.
  if (config.observability.metricsToken !== null) builder.addBearerAuth({ type: 'http', scheme: 'bearer', description: 'IDENTSPHERE_METRICS_TOKEN' }, 'metricsToken');
  const base = builder.build();
  return { ...base, info: { ...base.info, license: { name: 'UNLICENSED (proprietary)' }, contact: { name: 'IdentSphere maintainers' } } };
}

/** Response headers, defined once and referenced by the operations. */
export function responseHeaders(config: AppConfig) {
  const cookie = refreshCookieName(config);
  const attributes = `Path=/; HttpOnly; SameSite=Strict${config.cookies.secure ? '; Secure' : ''}${config.cookies.secure && config.cookies.domain ? `; Domain=${config.cookies.domain}` : ''}`;
  const string = (example: string) => ({ type: 'string', example });
  return {
    [RESPONSE_HEADERS.requestId]: { description: 'Echo of a sane client X-Request-Id, or a generated one', schema: string('3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f') },
    [RESPONSE_HEADERS.retryAfter]: { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1, example: 30 } },
    [RESPONSE_HEADERS.wwwAuthenticate]: {
      description: '`Bearer` when no token was sent; `Bearer error="invalid_token"` when it was invalid, expired or revoked (RFC 6750)',
      schema: { type: 'string', enum: ['Bearer', 'Bearer error="invalid_token"'], example: 'Bearer' },
    },
    [RESPONSE_HEADERS.cacheControlNoStore]: { description: 'Token-bearing answers are never cached', schema: { type: 'string', enum: ['no-store'], example: 'no-store' } },
    [RESPONSE_HEADERS.cacheControlPublic]: { description: 'Cacheable for a few minutes', schema: string('public, max-age=300') },
    [RESPONSE_HEADERS.setRefreshCookie]: {
      description: `Cookie mode only (never in bearer mode): the refresh token. Max-Age is the session idle timeout, capped by the session's remaining lifetime.`,
      schema: string(`${cookie}=<refresh token>; Max-Age=1209600; ${attributes}`),
    },
    [RESPONSE_HEADERS.clearRefreshCookie]: { description: 'Cookie mode only: expires the refresh cookie', schema: string(`${cookie}=; Max-Age=0; ${attributes}`) },
  };
}
