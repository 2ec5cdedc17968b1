import { applyDecorators, Header, HttpCode, Post, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiProblems, headerRef, Public, RESPONSE_HEADERS } from '@identsphere/common';
import { OAuthErrorFilter } from './oauth-error.filter';

/** The paths whose bodies are read as forms (RFC 6749 §3.2) as well as JSON: the HTTP edge admits both there only. */
export const OAUTH_FORM_PATHS = ['/oauth/token', '/oauth/introspect', '/oauth/revoke'] as const;

export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/**
 * An /oauth controller: no access token (the caller authenticates as a client, by HTTP Basic or in the
 * body), and OAuth-format errors. `security` lists HTTP Basic and `{}` for client_secret_post.
 */
export const OAuthController = () => applyDecorators(ApiTags('oauth'), Public(), ApiSecurity('clientSecretBasic'), UseFilters(OAuthErrorFilter));

/**
 * POST `path` with a form body described by `dto` (JSON is accepted too, for clients that cannot send forms):
 * 200, never cached (RFC 6749 §5.1), 503 when the database is away. `response`, when given, is the 200 body,
 * documented with the Cache-Control header set here.
 */
export const OAuthPost = (path: string, dto: new () => object, response?: new () => object) =>
  applyDecorators(
    Post(path),
    HttpCode(200),
    Header('Cache-Control', 'no-store'),
    Header('Pragma', 'no-cache'),
    ApiConsumes(FORM_MEDIA_TYPE, 'application/json'),
    ApiBody({ type: dto }),
    ApiProblems('unavailable'),
    ...(response ? [ApiOkResponse({ type: response, headers: { 'Cache-Control': headerRef(RESPONSE_HEADERS.cacheControlNoStore) } })] : []),
  );
