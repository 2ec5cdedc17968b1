import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiProblems, ClientContext, CurrentClient, headerRef, Public, RESPONSE_HEADERS } from '@identsphere/common';
import { SessionsService } from '@identsphere/sessions';
import { BearerLoginResponse, LoginResponse, toLoginResponse } from '../dto/login.response';
import { ApiAuthModeHeader, ApiLoginLikeResponse } from '../http/auth.openapi';
import { LoginResponder } from '../http/login-responder';
import { TokenTransport } from '../http/token-transport';
import { SsoExchangeDto, SsoLinkDto, SsoStartQuery } from './dto/sso.dto';
import { SsoBrowserCookie } from './sso-browser-cookie';
import { SsoCallbackFlow } from './sso-callback.flow';
import { SsoExchangeFlow } from './sso-exchange.flow';
import { SsoLinkFlow } from './sso-link.flow';
import { SsoStartFlow } from './sso-start.flow';

const LOCATION = { Location: { description: 'Where the browser goes next', schema: { type: 'string', format: 'uri' } } } as const;

/** The callback's query as received: string values only (providers add their own parameters, e.g. Google's `hd`). */
const queryOf = (req: Request): Record<string, string> => Object.fromEntries(Object.entries(req.query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

@ApiTags('auth')
@Controller('v1/auth/sso')
export class SsoController {
  constructor(
    private readonly startFlow: SsoStartFlow,
    private readonly callbackFlow: SsoCallbackFlow,
    private readonly exchangeFlow: SsoExchangeFlow,
    private readonly linkFlow: SsoLinkFlow,
    private readonly responder: LoginResponder,
    private readonly browserCookie: SsoBrowserCookie,
    private readonly transport: TokenTransport,
    private readonly sessions: SessionsService,
  ) {}

  @Public()
  @Get('start')
  @ApiOperation({ operationId: 'ssoStart', summary: 'Sign in with an OpenID Connect provider: redirects the browser to it (by provider id or email domain)' })
  @ApiResponse({ status: 302, description: 'To the provider (authorization code + PKCE); to returnTo with `error=provider_unavailable` when it does not answer. Sets the SSO binding cookie.', headers: LOCATION })
  @ApiProblems('validation_failed', 'invalid_return_to', 'unknown_provider', 'rate_limited', 'unavailable')
  async ssoStart(@Query() query: SsoStartQuery, @CurrentClient() client: ClientContext, @Res() res: Response): Promise<void> {
    const browserToken = this.browserCookie.newToken();
    const location = await this.startFlow.start({ ...query, mode: query.mode ?? 'cookie' }, browserToken, client);
    this.browserCookie.write(res, browserToken);
    res.redirect(302, location);
  }

  @Public()
  @Get('callback')
  @ApiOperation({ operationId: 'ssoCallback', summary: 'The redirect URI registered at providers: finishes the sign-in and returns the browser to returnTo' })
  @ApiQuery({ name: 'state', required: true, type: String, description: 'As sent to the provider' })
  @ApiQuery({ name: 'code', required: false, type: String, description: 'The authorization code' })
  @ApiQuery({ name: 'error', required: false, type: String, description: 'The provider refused or the user cancelled' })
  @ApiQuery({ name: 'iss', required: false, type: String, description: 'RFC 9207 issuer identification' })
  @ApiResponse({
    status: 302,
    description:
      'To returnTo. Cookie mode sets the refresh cookie; bearer mode adds `code` (for POST /v1/auth/sso/exchange); a failure adds `error` (provider_unavailable, sso_failed, account_exists_link_required, account_disabled, email_not_verified).',
    headers: { ...LOCATION, 'Set-Cookie': headerRef(RESPONSE_HEADERS.setRefreshCookie) },
  })
  @ApiProblems('invalid_sso_state', 'overloaded', 'unavailable')
  async ssoCallback(@Req() req: Request, @CurrentClient() client: ClientContext, @Res() res: Response): Promise<void> {
    const result = await this.callbackFlow.callback(queryOf(req), this.browserCookie.read(req), client);
    this.browserCookie.clear(res);
    this.transport.noStore(res);
    if (result.signedIn) this.transport.setRefreshCookie(res, result.signedIn.refreshToken, this.sessions.cookieMaxAgeSeconds(result.signedIn.session));
    res.redirect(302, result.location);
  }

  @Public()
  @Post('exchange')
  @HttpCode(200)
  @ApiOperation({ operationId: 'ssoExchange', summary: 'Bearer mode: trade the one-time code of an SSO login (with its PKCE verifier) for tokens' })
  @ApiOkResponse({ type: BearerLoginResponse, description: 'Signed in; the refresh token is in the body and no cookie is set', headers: { 'Cache-Control': headerRef(RESPONSE_HEADERS.cacheControlNoStore) } })
  @ApiProblems('validation_failed', 'invalid_sso_code', 'account_disabled', 'email_not_verified', 'unavailable')
  async ssoExchange(@Body() body: SsoExchangeDto, @CurrentClient() client: ClientContext, @Res({ passthrough: true }) res: Response): Promise<BearerLoginResponse> {
    this.transport.noStore(res);
    return toLoginResponse(await this.exchangeFlow.exchange(body, client), true) as BearerLoginResponse;
  }

  @Public()
  @Post('link')
  @HttpCode(200)
  @ApiOperation({ operationId: 'ssoLink', summary: 'Link the identity of a refused SSO login to your existing account by proving its password, then sign in' })
  @ApiAuthModeHeader()
  @ApiLoginLikeResponse(200)
  @ApiProblems('validation_failed', 'invalid_sso_link', 'invalid_credentials', 'method_not_available', 'invalid_code', 'account_disabled', 'email_not_verified', 'rate_limited', 'overloaded', 'unavailable')
  async ssoLink(@Body() body: SsoLinkDto, @CurrentClient() client: ClientContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    return this.responder.respond(req, res, await this.linkFlow.link(body, client));
  }
}
