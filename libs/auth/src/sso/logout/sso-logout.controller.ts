import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiProblems, ClientContext, CurrentClient, headerRef, Public, RESPONSE_HEADERS } from '@identsphere/common';
import { bearerTokenOf } from '../../http/access-token.guard';
import { ApiAuthModeHeader, ApiCsrfHeader } from '../../http/auth.openapi';
import { TokenTransport } from '../../http/token-transport';
import { BackchannelLogoutFlow } from './backchannel-logout.flow';
import { BackchannelLogoutDto, SsoLogoutDto, SsoLogoutResponse } from './dto/sso-logout.dto';
import { SsoLogoutFlow } from './sso-logout.flow';

export const BACKCHANNEL_LOGOUT_PATH = '/v1/auth/sso/backchannel-logout';
/** Back-Channel Logout 1.0 §2.5 defines a form body: the HTTP edge admits forms on this path (and JSON). */
export const SSO_FORM_PATHS = [BACKCHANNEL_LOGOUT_PATH] as const;

const NO_STORE = { 'Cache-Control': headerRef(RESPONSE_HEADERS.cacheControlNoStore) };

@ApiTags('auth')
@Controller('v1/auth/sso')
export class SsoLogoutController {
  constructor(
    private readonly backchannelFlow: BackchannelLogoutFlow,
    private readonly logoutFlow: SsoLogoutFlow,
    private readonly transport: TokenTransport,
  ) {}

  @Public()
  @Post('backchannel-logout')
  @HttpCode(200)
  @ApiOperation({ operationId: 'ssoBackchannelLogout', summary: 'OpenID Connect Back-Channel Logout: a provider ends the sessions its user started here (register this URL at the provider)' })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ type: BackchannelLogoutDto })
  @ApiOkResponse({ description: 'The token was valid: the matching sessions are revoked (also when none matched)', headers: NO_STORE })
  @ApiProblems('validation_failed', 'invalid_logout_token', 'rate_limited', 'unavailable')
  async backchannelLogout(@Body() body: BackchannelLogoutDto, @CurrentClient() client: ClientContext, @Res({ passthrough: true }) res: Response): Promise<void> {
    // Before the flow runs: §2.8 asks for no-store on the refusal (400) too.
    this.transport.noStore(res);
    await this.backchannelFlow.logout(body.logout_token, client);
  }

  @Public()
  @Post('logout')
  @HttpCode(200)
  @ApiOperation({ operationId: 'ssoLogout', summary: 'End this session here and get the provider\'s end-session URL, to sign out at the provider too (idempotent); clears the refresh cookie' })
  @ApiAuthModeHeader()
  @ApiCsrfHeader()
  @ApiCookieAuth('refreshCookie')
  @ApiBearerAuth('accessToken')
  @ApiBody({ type: SsoLogoutDto, required: false, description: 'refreshToken in bearer mode only; postLogoutRedirectUri in both modes' })
  @ApiOkResponse({ type: SsoLogoutResponse, description: 'Signed out here (also when the session was already gone); cookie mode expires the refresh cookie', headers: { ...NO_STORE, 'Set-Cookie': headerRef(RESPONSE_HEADERS.clearRefreshCookie) } })
  @ApiProblems('validation_failed', 'invalid_return_to', 'csrf_failed', 'unavailable')
  async ssoLogout(@Body() body: SsoLogoutDto, @CurrentClient() client: ClientContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SsoLogoutResponse> {
    const request = { refreshToken: this.transport.readRefreshToken(req, body), accessToken: bearerTokenOf(req), postLogoutRedirectUri: body?.postLogoutRedirectUri ?? null };
    const result = await this.logoutFlow.logout(request, client);
    this.transport.clearRefreshCookie(req, res);
    this.transport.noStore(res);
    return result;
  }
}
