import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { Request, Response } from 'express';
import { ApiProblems, ClientContext, CurrentClient, CurrentPrincipal, Principal, Public } from '@identsphere/common';
import { LoginResponse } from './dto/login.response';
import { AuthenticatePasskeyDto, PasskeyRequestOptionsDto } from './dto/passkey-requests.dto';
import { RequestOptionsDoc } from './dto/passkey.response';
import { PasskeyOptionsFlow } from './flows/passkey-options.flow';
import { PasskeySignInFlow } from './flows/passkey-sign-in.flow';
import { ApiAuthModeHeader, ApiLoginLikeResponse } from './http/auth.openapi';
import { LoginResponder } from './http/login-responder';

@ApiTags('auth')
@Controller('v1/auth/passkey')
export class PasskeyLoginController {
  constructor(
    private readonly optionsFlow: PasskeyOptionsFlow,
    private readonly signInFlow: PasskeySignInFlow,
    private readonly responder: LoginResponder,
  ) {}

  @Public()
  @Post('options')
  @HttpCode(200)
  @ApiOperation({ operationId: 'passkeyAuthenticationOptions', summary: 'Options for navigator.credentials.get(): usernameless, or for the account of an mfaToken' })
  @ApiBody({ type: PasskeyRequestOptionsDto, required: false })
  @ApiOkResponse({ type: RequestOptionsDoc })
  @ApiProblems('validation_failed', 'invalid_mfa_token', 'rate_limited', 'unavailable')
  passkeyAuthenticationOptions(@Body() body: PasskeyRequestOptionsDto, @CurrentClient() client: ClientContext): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return this.optionsFlow.options(body?.mfaToken, client);
  }

  @Post('step-up-options')
  @HttpCode(200)
  @ApiBearerAuth('accessToken')
  @ApiOperation({ operationId: 'passkeyStepUpOptions', summary: 'Options for navigator.credentials.get() limited to your passkeys, for POST /v1/auth/step-up' })
  @ApiOkResponse({ type: RequestOptionsDoc })
  @ApiProblems('unauthorized', 'unavailable')
  passkeyStepUpOptions(@CurrentPrincipal() principal: Principal): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return this.optionsFlow.forSignedIn(principal);
  }

  @Public()
  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ operationId: 'passkeySignIn', summary: 'Sign in with a passkey alone (user verification required)' })
  @ApiAuthModeHeader()
  @ApiLoginLikeResponse(200)
  @ApiProblems('validation_failed', 'passkey_rejected', 'account_disabled', 'email_not_verified', 'sso_required', 'unavailable')
  async passkeySignIn(@Body() body: AuthenticatePasskeyDto, @CurrentClient() client: ClientContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    // The DTO has validated the shape of AuthenticationResponseJSON; the library checks everything inside it.
    return this.responder.respond(req, res, await this.signInFlow.signIn(body as unknown as AuthenticationResponseJSON, client));
  }
}
