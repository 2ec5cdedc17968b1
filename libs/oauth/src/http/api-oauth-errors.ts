import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { OAuthErrorResponse } from '../dto/oauth-responses.dto';
import { OAuthErrorCode, OAuthErrors } from '../oauth-error';
import { BASIC_CHALLENGE } from './oauth-error.filter';

const EXAMPLES: Record<OAuthErrorCode, { error: OAuthErrorCode; error_description: string }> = Object.fromEntries(
  [OAuthErrors.invalidRequest('The parameter token is missing, repeated or malformed.'), OAuthErrors.invalidClient(), OAuthErrors.unsupportedGrantType(), OAuthErrors.invalidScope(), OAuthErrors.insufficientScope('introspect')].map(
    (e) => [e.error, { error: e.error, error_description: e.description }],
  ),
) as never;

const HEADERS: Record<number, Record<string, { description: string; schema: object }>> = {
  401: { 'WWW-Authenticate': { description: 'The client authentication schemes accepted', schema: { type: 'string', enum: [BASIC_CHALLENGE], example: BASIC_CHALLENGE } } },
};

/**
 * Documents the OAuth-format errors (application/json, schema OAuthError) an /oauth operation answers, by
 * status. The HTTP edge's problem details (400 malformed body, 413, 415, 500) are merged in by the document builder.
 */
export function ApiOAuthErrors(byStatus: Partial<Record<400 | 401 | 403, OAuthErrorCode[]>>) {
  return applyDecorators(
    ApiExtraModels(OAuthErrorResponse),
    ...Object.entries(byStatus).map(([status, codes]) =>
      ApiResponse({
        status: Number(status),
        description: `OAuth error (RFC 6749 §5.2); error: ${codes.join(', ')}`,
        headers: HEADERS[Number(status)],
        content: {
          'application/json': {
            schema: { $ref: getSchemaPath(OAuthErrorResponse) },
            examples: Object.fromEntries(codes.map((code) => [code, { summary: code, value: EXAMPLES[code] }])),
          },
        },
      }),
    ),
  );
}
