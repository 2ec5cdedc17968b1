import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AllowedDuringEnrolment, ApiProblems, headerRef, RESPONSE_HEADERS, ClientContext, CurrentClient, CurrentPrincipal, Principal, Public } from '@identsphere/common';
import { LoginDto, RefreshTokenDto, SignupDto } from './dto/auth-requests.dto';
import { LoginResponse, MfaRequiredResponse, SignupPendingVerificationResponse, StepUpResponse, toStepUpResponse } from './dto/login.response';
import { MfaVerifyDto, StepUpDto } from './dto/mfa-login-requests.dto';
import { LoginFlow } from './flows/login.flow';
import { MfaVerifyFlow } from './flows/mfa-verify.flow';
import { StepUpFlow } from './flows/step-up.flow';
import { LogoutAllFlow } from './flows/logout-all.flow';
import { LogoutFlow } from './flows/logout.flow';
import { RefreshFlow } from './flows/refresh.flow';
import { SignupFlow } from './flows/signup.flow';
import { bearerTokenOf } from './http/access-token.guard';
import { ApiAuthModeHeader, ApiCsrfHeader, ApiLoginLikeResponse, ApiNoContentClearingCookie } from './http/auth.openapi';
import { DeviceCookie } from './http/device-cookie';
import { LoginResponder } from './http/login-responder';
import { TokenTransport } from './http/token-transport';

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
    private readonly mfaVerifyFlow: MfaVerifyFlow,
    private readonly stepUpFlow: StepUpFlow,
  ) {}

  @Public()
  @Post('signup')
  @HttpCode(201)
  @ApiOperation({ operationId: 'signup', summary: 'Create an account and sign in (or, when verified email is required, only create it)' })
  @ApiAuthModeHeader()
  @ApiLoginLikeResponse(201, { pendingVerification: true })
  @ApiProblems('validation_failed', 'weak_password', 'email_taken', 'sso_required', 'rate_limited', 'overloaded', 'unavailable')
  async signup(@Body() body: SignupDto, @CurrentClient() client: ClientContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse | SignupPendingVerificationResponse> {
    return this.responder.respondToSignup(req, res, await this.signupFlow.signup(body, client));
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ operationId: 'login', summary: 'Sign in with email and password' })
  @ApiAuthModeHeader()
  @ApiLoginLikeResponse(200, { setsDeviceCookie: true, mfaRequired: true })
  @ApiProblems('validation_failed', 'invalid_credentials', 'account_disabled', 'email_not_verified', 'sso_required', 'rate_limited', 'overloaded', 'unavailable')
  async login(@Body() body: LoginDto, @CurrentClient() client: ClientContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse | MfaRequiredResponse> {
    const outcome = await this.loginFlow.login(body, client, this.deviceCookie.read(req));
    if (outcome.kind === 'mfa-required') return this.responder.respondMfaRequired(res, outcome);
    this.deviceCookie.write(req, res, outcome.deviceToken);
    return this.responder.respond(req, res, outcome);
  }

  @Public()
  @Post('mfa/verify')
  @HttpCode(200)
  @ApiOperation({ operationId: 'verifyMfa', summary: 'Finish a login with a second factor (the mfaToken of the password step)' })
  @ApiAuthModeHeader()
  @ApiLoginLikeResponse(200, { recoveryCode: true })
  @ApiProblems('validation_failed', 'method_not_available', 'invalid_mfa_token', 'invalid_code', 'account_disabled', 'rate_limited', 'unavailable')
  async verifyMfa(@Body() body: MfaVerifyDto, @CurrentClient() client: ClientContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    return this.responder.respond(req, res, await this.mfaVerifyFlow.verify(body, client));
  }

  @Post('step-up')
  @HttpCode(200)
  @AllowedDuringEnrolment()
  @ApiOperation({ operationId: 'stepUp', summary: 'Prove it is you again: a fresh access token with a new auth_time (same session and refresh token)' })
  @ApiBearerAuth('accessToken')
  @ApiOkResponse({ type: StepUpResponse, headers: { 'Cache-Control': headerRef(RESPONSE_HEADERS.cacheControlNoStore) } })
  @ApiProblems('validation_failed', 'method_not_available', 'invalid_credentials', 'invalid_code', 'unauthorized', 'rate_limited', 'overloaded', 'unavailable')
  async stepUp(@CurrentPrincipal() principal: Principal, @Body() body: StepUpDto, @CurrentClient() client: ClientContext, @Res({ passthrough: true }) res: Response): Promise<StepUpResponse> {
    this.transport.noStore(res);
    return toStepUpResponse(await this.stepUpFlow.stepUp(principal, body.method, body, client));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ operationId: 'refresh', summary: 'Rotate the refresh token and get a new access token' })
  @ApiAuthModeHeader()
  @ApiCsrfHeader()
  @ApiCookieAuth('refreshCookie')
  @ApiBody({ type: RefreshTokenDto, required: false, description: 'Bearer mode only; cookie mode sends no body' })
  @ApiLoginLikeResponse(200)
  @ApiProblems('validation_failed', 'unauthorized', 'session_expired', 'session_revoked', 'refresh_token_reused', 'csrf_failed', 'email_not_verified', 'unavailable')
  async refresh(@Body() body: RefreshTokenDto, @CurrentClient() client: ClientContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    return this.responder.respond(req, res, await this.refreshFlow.refresh(this.transport.readRefreshToken(req, body), client));
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ operationId: 'logout', summary: 'End this session (idempotent); clears the refresh cookie' })
  @ApiAuthModeHeader()
  @ApiCsrfHeader()
  @ApiCookieAuth('refreshCookie')
  @ApiBearerAuth('accessToken')
  @ApiBody({ type: RefreshTokenDto, required: false, description: 'Bearer mode only; cookie mode sends no body' })
  @ApiNoContentClearingCookie('Signed out (also when the session was already gone); cookie mode expires the refresh cookie')
  @ApiProblems('validation_failed', 'csrf_failed', 'unavailable')
  async logout(@Body() body: RefreshTokenDto, @CurrentClient() client: ClientContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.logoutFlow.logout(this.transport.readRefreshToken(req, body), bearerTokenOf(req), client);
    this.transport.clearRefreshCookie(req, res);
  }

  @Post('logout-all')
  @HttpCode(204)
  @ApiOperation({ operationId: 'logoutAll', summary: 'End every session of the signed-in user' })
  @ApiBearerAuth('accessToken')
  @ApiNoContentClearingCookie('Every session of the user ended; cookie mode expires the refresh cookie')
  @ApiProblems('unauthorized', 'unavailable')
  async logoutAll(@CurrentPrincipal() principal: Principal, @CurrentClient() client: ClientContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.logoutAllFlow.logoutAll(principal, client);
    this.transport.clearRefreshCookie(req, res);
  }
}
