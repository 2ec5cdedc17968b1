import { Body, Controller, Headers } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { IntrospectionRequestDto } from './dto/oauth-requests.dto';
import { IntrospectionResponse } from './dto/oauth-responses.dto';
import { ApiOAuthErrors } from './http/api-oauth-errors';
import { ClientAuthentication } from './http/client-authentication';
import { OAuthController, OAuthPost } from './http/oauth-endpoint';
import { readOAuthForm } from './http/oauth-form';
import { OAuthErrors } from './oauth-error';
import { OAuthMetrics } from './oauth-metrics';
import { TokenIntrospection } from './token-introspection';

const INTROSPECT_SCOPE = 'introspect';

@OAuthController()
@Controller('oauth')
export class OAuthIntrospectionController {
  constructor(
    private readonly clientAuth: ClientAuthentication,
    private readonly introspection: TokenIntrospection,
    private readonly metrics: OAuthMetrics,
  ) {}

  @OAuthPost('introspect', IntrospectionRequestDto, IntrospectionResponse)
  @ApiOperation({ operationId: 'introspectToken', summary: 'Token introspection (RFC 7662) for resource servers: a client with the introspect scope' })
  @ApiOAuthErrors({ 400: ['invalid_request'], 401: ['invalid_client'], 403: ['insufficient_scope'] })
  async introspectToken(@Body() body: Record<string, unknown>, @Headers('authorization') authorization?: string): Promise<IntrospectionResponse> {
    const form = readOAuthForm(IntrospectionRequestDto, body);
    const client = await this.clientAuth.authenticate(authorization, form).catch((error) => {
      this.metrics.introspection('refused');
      throw error;
    });
    if (!client.scopes.includes(INTROSPECT_SCOPE)) {
      this.metrics.introspection('refused');
      throw OAuthErrors.insufficientScope(INTROSPECT_SCOPE);
    }
    const answer = await this.introspection.introspect(form.token);
    this.metrics.introspection(answer.active ? 'active' : 'inactive');
    return answer;
  }
}
