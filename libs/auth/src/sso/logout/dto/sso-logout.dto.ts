import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { RefreshTokenDto } from '../../../dto/auth-requests.dto';

/** A logout token longer than this is none a provider sends: refused before any parsing. */
const MAX_LOGOUT_TOKEN_LENGTH = 8192;

@ApiSchema({ name: 'BackchannelLogoutRequest', description: 'OpenID Connect Back-Channel Logout 1.0 §2.5: the provider\'s logout request, form-encoded' })
export class BackchannelLogoutDto {
  @ApiProperty({ maxLength: MAX_LOGOUT_TOKEN_LENGTH, description: 'The signed logout token (a JWT) of a configured identity provider', example: 'eyJhbGciOiJSUzI1NiIsInR5cCI6ImxvZ291dCtqd3QifQ.eyJpc3MiOiJodHRwczovL2xvZ2luLmFjbWUuY29tIn0.c2lnbmF0dXJl' })
  @IsString()
  @MaxLength(MAX_LOGOUT_TOKEN_LENGTH)
  logout_token: string;
}

@ApiSchema({ name: 'SsoLogoutRequest', description: 'Bearer mode: the refresh token; both modes: where the provider sends the browser after its logout' })
export class SsoLogoutDto extends RefreshTokenDto {
  @ApiPropertyOptional({ format: 'uri', maxLength: 2048, description: 'A URL on an origin of IDENTSPHERE_CORS_ORIGINS, also registered at the provider as a post-logout redirect URI', example: 'https://app.example.com/signed-out' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  postLogoutRedirectUri?: string;
}

@ApiSchema({ name: 'SsoLogoutResponse' })
export class SsoLogoutResponse {
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uri',
    description: 'The provider\'s end-session URL for the browser to navigate to; null when the session did not come from a provider (or had already ended), or the provider offers no end_session_endpoint or could not be reached',
    example: 'https://login.acme.com/oidc/logout?client_id=identsphere&post_logout_redirect_uri=https%3A%2F%2Fapp.example.com%2Fsigned-out',
  })
  endSessionUrl: string | null;
}
