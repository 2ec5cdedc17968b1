import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiProblems, ClientContext, CurrentClient, CurrentPrincipal, Principal, Public } from '@identsphere/common';
import { LoginDto, RefreshTokenDto, SignupDto } from './dto/auth-requests.dto';
import { LoginResponse } from './dto/login.response';
import { LoginFlow } from './flows/login.flow';
import { LogoutAllFlow } from './flows/logout-all.flow';
import { LogoutFlow } from './flows/logout.flow';
import { RefreshFlow } from './flows/refresh.flow';
import { SignupFlow } from './flows/signup.flow';
import { bearerTokenOf } from './http/access-token.guard';
import { DeviceCookie } from './http/device-cookie';
import { LoginResponder } from './http/login-responder';
import { TokenTransport } from './http/token-transport';

const AUTH_MODE_HEADER = { name: 'X-Auth-Mode', required: false, description: '`bearer`: refresh token in the body instead of a cookie' };
const CSRF_HEADER = { name: 'X-IdentSphere-CSRF', required: false, description: 'Must be `1` when the refresh cookie authenticates the request' };

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly signupFlow: SignupFlow,
    private readonly loginFlow: LoginFlow,
    private readonly refreshFlow: RefreshFlow,
    private readonly logoutFlow: LogoutFlow,
    private readonly logoutAllFlow: LogoutAllFlow,
    private readonly transport: TokenTransport,
    private readonly responder: LoginResponder,
    private readonly deviceCookie: DeviceCookie,
  ) {}

  @Public()
  @Post('signup')
  @HttpCode(201)
  @ApiOperation({ operationId: 'signup', summary: 'Create an account and sign in' })
  @ApiHeader(AUTH_MODE_HEADER)
  @ApiCreatedResponse({ type: LoginResponse })
  @ApiProblems({ 400: ['validation_failed', 'weak_password'], 409: ['email_taken'], 429: ['rate_limited'], 503: ['overloaded', 'unavailable'] })
  async signup(@Body() body: SignupDto, @CurrentClient() client: ClientContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    return this.responder.respond(req, res, await this.signupFlow.signup(body, client));
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ operationId: 'login', summary: 'Sign in with email and password' })
  @ApiHeader(AUTH_MODE_HEADER)
  @ApiOkResponse({ type: LoginResponse })
  @ApiProblems({ 400: ['validation_failed'], 401: ['invalid_credentials'], 403: ['account_disabled', 'email_not_verified'], 429: ['rate_limited'], 503: ['overloaded', 'unavailable'] })
  async login(@Body() body: LoginDto, @CurrentClient() client: ClientContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    const signedIn = await this.loginFlow.login(body, client, this.deviceCookie.read(req));
    this.deviceCookie.write(req, res, signedIn.deviceToken);
    return this.responder.respond(req, res, signedIn);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ operationId: 'refresh', summary: 'Rotate the refresh token and get a new access token' })
  @ApiHeader(AUTH_MODE_HEADER)
  @ApiHeader(CSRF_HEADER)
  @ApiCookieAuth('refreshCookie')
  @ApiOkResponse({ type: LoginResponse })
  @ApiProblems({ 401: ['session_expired', 'session_revoked', 'refresh_token_reused', 'unauthorized'], 403: ['csrf_failed'], 503: ['unavailable'] })
  async refresh(@Body() body: RefreshTokenDto, @CurrentClient() client: ClientContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    return this.responder.respond(req, res, await this.refreshFlow.refresh(this.transport.readRefreshToken(req, body), client));
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ operationId: 'logout', summary: 'End this session (idempotent); clears the refresh cookie' })
  @ApiHeader(AUTH_MODE_HEADER)
  @ApiHeader(CSRF_HEADER)
  @ApiCookieAuth('refreshCookie')
  @ApiBearerAuth('accessToken')
  @ApiNoContentResponse()
  @ApiProblems({ 403: ['csrf_failed'] })
  async logout(@Body() body: RefreshTokenDto, @CurrentClient() client: ClientContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.logoutFlow.logout(this.transport.readRefreshToken(req, body), bearerTokenOf(req), client);
    this.transport.clearRefreshCookie(req, res);
  }

  @Post('logout-all')
  @HttpCode(204)
  @ApiOperation({ operationId: 'logoutAll', summary: 'End every session of the signed-in user' })
  @ApiBearerAuth('accessToken')
  @ApiNoContentResponse()
  @ApiProblems({ 401: ['unauthorized'] })
  async logoutAll(@CurrentPrincipal() principal: Principal, @CurrentClient() client: ClientContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.logoutAllFlow.logoutAll(principal, client);
    this.transport.clearRefreshCookie(req, res);
  }
}
