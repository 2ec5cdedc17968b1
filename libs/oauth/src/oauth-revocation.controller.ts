import { Body, Controller, Headers } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { LogoutFlow } from '@identsphere/auth';
import { ClientContext, CurrentClient, REFRESH_TOKEN_PATTERN } from '@identsphere/common';
import { RevocationRequestDto } from './dto/oauth-requests.dto';
import { ApiOAuthErrors } from './http/api-oauth-errors';
import { ClientAuthentication } from './http/client-authentication';
import { OAuthController, OAuthPost } from './http/oauth-endpoint';
import { readOAuthForm } from './http/oauth-form';

/** `<session id>.<counter>.<mac>`: anything else is tried as an access token (the hint is only a hint, RFC 7009 §2.1). */
const REFRESH_TOKEN_SHAPE = new RegExp(REFRESH_TOKEN_PATTERN);

@OAuthController()
@Controller('oauth')
export class OAuthRevocationController {
  constructor(
    private readonly clientAuth: ClientAuthentication,
    private readonly logout: LogoutFlow,
  ) {}

  /**
   * RFC 7009. A refresh token ends its session (an old one is judged a replay, as on logout); a user's access
   * token ends its session. Client tokens cannot be revoked one by one (disable the client). Any
   * authenticated client may revoke: holding the token is the authority, as on logout.
   */
  @OAuthPost('revoke', RevocationRequestDto)
  @ApiOperation({ operationId: 'revokeToken', summary: 'Token revocation (RFC 7009): 200 whether or not the token was known' })
  @ApiOkResponse({ description: 'Revoked, or nothing to revoke (RFC 7009 §2.2); no body' })
  @ApiOAuthErrors({ 400: ['invalid_request'], 401: ['invalid_client'] })
  async revokeToken(@Body() body: Record<string, unknown>, @CurrentClient() context: ClientContext, @Headers('authorization') authorization?: string): Promise<void> {
    const form = readOAuthForm(RevocationRequestDto, body);
    await this.clientAuth.authenticate(authorization, form);
    const refreshToken = REFRESH_TOKEN_SHAPE.test(form.token);
    await this.logout.logout(refreshToken ? form.token : null, refreshToken ? null : form.token, context);
  }
}
