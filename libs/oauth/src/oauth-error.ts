/** The `error` values of RFC 6749 §5.2 we answer (no invalid_grant: client credentials carry no grant to judge), plus RFC 6750's insufficient_scope. */
export const OAUTH_ERROR_CODES = ['invalid_request', 'invalid_client', 'unsupported_grant_type', 'invalid_scope', 'insufficient_scope'] as const;
export type OAuthErrorCode = (typeof OAUTH_ERROR_CODES)[number];

/**
 * An error the OAuth endpoints answer in the OAuth format (`{ error, error_description }`, application/json),
 * not as problem details: OAuth client libraries parse that format. Raised only inside the /oauth
 * controllers, whose filter (OAuthErrorFilter) renders it.
 */
export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly status: 400 | 401 | 403,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = 'OAuthError';
  }
}

export const OAuthErrors = {
  invalidRequest: (description: string) => new OAuthError('invalid_request', 400, description),
  invalidClient: () => new OAuthError('invalid_client', 401, 'Client authentication failed.'),
  unsupportedGrantType: () => new OAuthError('unsupported_grant_type', 400, 'Only grant_type=client_credentials is supported.'),
  invalidScope: () => new OAuthError('invalid_scope', 400, 'The requested scope is unknown or exceeds the scopes of the client.'),
  insufficientScope: (scope: string) => new OAuthError('insufficient_scope', 403, `This endpoint needs a client with the ${scope} scope.`),
};
