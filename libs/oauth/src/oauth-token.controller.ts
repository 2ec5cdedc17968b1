import { Body, Controller, Headers } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ClientCredentialsGrant } from './client-credentials.grant';
import { TokenRequestDto } from './dto/oauth-requests.dto';
import { TokenResponse } from './dto/oauth-responses.dto';
import { ApiOAuthErrors } from './http/api-oauth-errors';
import { ClientAuthentication } from './http/client-authentication';
import { OAuthController, OAuthPost } from './http/oauth-endpoint';
import { readOAuthForm } from './http/oauth-form';
import { OAuthError } from './oauth-error';
import { OAuthMetrics } from './oauth-metrics';

@OAuthController()
@Controller('oauth')
export class OAuthTokenController {
  constructor(
    private readonly clientAuth: ClientAuthentication,
    private readonly grant: ClientCredentialsGrant,
    private readonly metrics: OAuthMetrics,
  ) {}

  @OAuthPost('token', TokenRequestDto, TokenResponse)
  @ApiOperation({ operationId: 'issueClientToken', summary: 'Client credentials grant (RFC 6749 §4.4): an access token for a machine client' })
  @ApiOAuthErrors({ 400: ['invalid_request', 'unsupported_grant_type', 'invalid_scope'], 401: ['invalid_client'] })
  async issueClientToken(@Body() body: Record<string, unknown>, @Headers('authorization') authorization?: string): Promise<TokenResponse> {
    try {
      const form = readOAuthForm(TokenRequestDto, body);
      const client = await this.clientAuth.authenticate(authorization, form);
      const token = await this.grant.issue(client, form.grant_type, form.scope);
      this.metrics.grant('issued');
      return token;
    } catch (error) {
      if (error instanceof OAuthError) this.metrics.grant(error.error);
      throw error;
    }
  }
}
