import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

const EXAMPLE_CLIENT_ID = 'isc_3q2Vb9xTQe6mJ8rKd1LwZg';
const EXAMPLE_SECRET = 'iscs_q2VzcGVyLWNsaWVudC1zZWNyZXQtZXhhbXBsZS0wMDA';
const EXAMPLE_TOKEN = 'eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCIsImtpZCI6ImsxIn0.eyJzdWIiOiJpc2NfM3EyVmI5eFRRZTZtSjhyS2QxTHdaZyJ9.c2lnbmF0dXJl';
/** A token longer than this is none of ours: refused before any parsing. */
const MAX_TOKEN_LENGTH = 8192;

/** client_secret_post: the client's credentials in the body instead of an Authorization: Basic header. */
export class ClientCredentialsFields {
  @ApiPropertyOptional({ maxLength: 100, description: 'client_secret_post only (otherwise HTTP Basic)', example: EXAMPLE_CLIENT_ID })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  client_id?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'client_secret_post only (otherwise HTTP Basic)', example: EXAMPLE_SECRET })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  client_secret?: string;
}

@ApiSchema({ name: 'TokenRequest', description: 'RFC 6749 §4.4.2 access token request (client credentials)' })
export class TokenRequestDto extends ClientCredentialsFields {
  @ApiProperty({ enum: ['client_credentials'], description: 'Any other value is unsupported_grant_type', example: 'client_credentials' })
  @IsString()
  @MaxLength(100)
  grant_type: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Space-separated subset of the client\'s scopes; all of them when omitted', example: 'introspect' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  scope?: string;
}

/** The token a resource server or client hands in, and the optional hint of its kind (RFC 7662 §2.1, RFC 7009 §2.1). */
export class TokenFields extends ClientCredentialsFields {
  @ApiProperty({ maxLength: MAX_TOKEN_LENGTH, description: 'An access token or a refresh token issued by this service', example: EXAMPLE_TOKEN })
  @IsString()
  @MaxLength(MAX_TOKEN_LENGTH)
  token: string;

  @ApiPropertyOptional({ enum: ['access_token', 'refresh_token'], description: 'A hint only: the kind is recognised by its shape', example: 'access_token' })
  @IsOptional()
  @IsIn(['access_token', 'refresh_token'])
  token_type_hint?: string;
}

@ApiSchema({ name: 'IntrospectionRequest', description: 'RFC 7662 §2.1 introspection request (refresh tokens always answer active: false)' })
export class IntrospectionRequestDto extends TokenFields {}

@ApiSchema({ name: 'RevocationRequest', description: 'RFC 7009 §2.1 revocation request (unknown tokens are accepted silently)' })
export class RevocationRequestDto extends TokenFields {}
