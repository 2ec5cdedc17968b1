import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { OAUTH_ERROR_CODES, OAuthErrorCode } from '../oauth-error';

const EXAMPLE_TOKEN = 'eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCIsImtpZCI6ImsxIn0.eyJzdWIiOiJpc2NfM3EyVmI5eFRRZTZtSjhyS2QxTHdaZyJ9.c2lnbmF0dXJl';
const EXAMPLE_CLIENT_ID = 'isc_3q2Vb9xTQe6mJ8rKd1LwZg';

@ApiSchema({ name: 'TokenResponse', description: 'RFC 6749 §5.1 access token response (no refresh token for client credentials)' })
export class TokenResponse {
  @ApiProperty({ description: 'RFC 9068 JWT: sub and client_id are the client, scope its granted scopes, no sid', example: EXAMPLE_TOKEN }) access_token: string;
  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' }) token_type: 'Bearer';
  @ApiProperty({ type: 'integer', description: 'Seconds until the token expires (IDENTSPHERE_ACCESS_TOKEN_TTL)', example: 900 }) expires_in: number;
  @ApiProperty({ description: 'The granted scopes, space-separated', example: 'introspect' }) scope: string;
}

@ApiSchema({ name: 'IntrospectionResponse', description: 'RFC 7662 §2.2: only `active` when the token is not active; the claims otherwise' })
export class IntrospectionResponse {
  @ApiProperty({ description: 'False for a token that is malformed, not ours, expired, of an ended session or disabled account, or of a disabled or deleted client', example: true })
  active: boolean;
  @ApiPropertyOptional({ enum: ['Bearer'], example: 'Bearer' }) token_type?: 'Bearer';
  @ApiPropertyOptional({ description: 'The user id, or the client id for a client token', example: '0b6f8f2e-5c1d-4e8a-9f3b-7a2c1d0e9f84' }) sub?: string;
  @ApiPropertyOptional({ description: 'Client tokens only', example: EXAMPLE_CLIENT_ID }) client_id?: string;
  @ApiPropertyOptional({ description: 'Client tokens only: the granted scopes, space-separated', example: 'introspect' }) scope?: string;
  @ApiPropertyOptional({ example: 'https://auth.example.com' }) iss?: string;
  @ApiPropertyOptional({ example: 'identsphere' }) aud?: string;
  @ApiPropertyOptional({ type: 'integer', example: 1768469400 }) exp?: number;
  @ApiPropertyOptional({ type: 'integer', example: 1768468500 }) iat?: number;
  @ApiPropertyOptional({ format: 'uuid', example: '5d0c1b7a-3e2f-4a6b-9c8d-7e6f5a4b3c2d' }) jti?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'User tokens only: the session', example: '0b6f8f2e-5c1d-4e8a-9f3b-7a2c1d0e9f84' }) sid?: string;
  @ApiPropertyOptional({ description: 'User tokens only: the email address', example: 'ada@example.com' }) username?: string;
  @ApiPropertyOptional({ description: 'User tokens only', example: 'ada@example.com' }) email?: string;
  @ApiPropertyOptional({ description: 'User tokens only', example: true }) email_verified?: boolean;
  @ApiPropertyOptional({ type: [String], description: 'User tokens only', example: ['admin'] }) roles?: string[];
  @ApiPropertyOptional({ type: [String], description: 'User tokens only (RFC 8176)', example: ['pwd', 'otp'] }) amr?: string[];
  @ApiPropertyOptional({ description: 'User tokens only: pwd, mfa or enrol', example: 'mfa' }) acr?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'User tokens only', example: 1768468400 }) auth_time?: number;
}

@ApiSchema({ name: 'OAuthError', description: 'RFC 6749 §5.2 error answer of the /oauth endpoints (application/json, not problem details)' })
export class OAuthErrorResponse {
  @ApiProperty({ enum: OAUTH_ERROR_CODES, example: 'invalid_client' }) error: OAuthErrorCode;
  @ApiProperty({ description: 'For humans; may change at any time', example: 'Client authentication failed.' }) error_description: string;
}
