import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ClientContext, CurrentClient, CurrentPrincipal, Principal, Public, RequiresStepUp } from '@identsphere/common';
import { UserResponse } from '@identsphere/users';
import { ForgotPasswordDto, OneTimeTokenDto, RequestEmailChangeDto, ResetPasswordDto } from './dto/email-recovery-requests.dto';
import { ConfirmEmailChangeFlow } from './flows/confirm-email-change.flow';
import { ConfirmEmailVerificationFlow } from './flows/confirm-email-verification.flow';
import { ForgotPasswordFlow } from './flows/forgot-password.flow';
import { RequestEmailChangeFlow } from './flows/request-email-change.flow';
import { RequestEmailVerificationFlow } from './flows/request-email-verification.flow';
import { ResetPasswordFlow } from './flows/reset-password.flow';
import { UserView } from './http/user-view';

const QUEUED = { description: 'Accepted; the mail is queued. No body.' };
const FORGOT_ACCEPTED = { description: 'Accepted. The same answer whether or not the account exists, and also when the per-address budget is spent (then nothing is sent). No body.' };

/** Email verification and recovery (docs/api.md): every answer that mails something is a body-less 202. */
@Controller('v1')
export class EmailRecoveryController {
  constructor(
    private readonly requestVerification: RequestEmailVerificationFlow,
    private readonly confirmVerification: ConfirmEmailVerificationFlow,
    private readonly forgotPasswordFlow: ForgotPasswordFlow,
    private readonly resetPasswordFlow: ResetPasswordFlow,
    private readonly requestEmailChangeFlow: RequestEmailChangeFlow,
    private readonly confirmEmailChangeFlow: ConfirmEmailChangeFlow,
    private readonly userView: UserView,
  ) {}

  @Post('auth/email/verify/request')
  @HttpCode(202)
  @ApiTags('auth')
  @ApiBearerAuth('accessToken')
  @ApiOperation({ operationId: 'requestEmailVerification', summary: 'Mail a new verification link to the signed-in user (no body)' })
  @ApiAcceptedResponse(QUEUED)
  @ApiProblems('unauthorized', 'rate_limited', 'unavailable')
  async requestEmailVerification(@CurrentPrincipal() principal: Principal, @CurrentClient() client: ClientContext): Promise<void> {
    await this.requestVerification.request(principal, client);
  }

  @Public()
  @Post('auth/email/verify/confirm')
  @HttpCode(200)
  @ApiTags('auth')
  @ApiOperation({ operationId: 'confirmEmailVerification', summary: 'Confirm the email address with the token from the mail' })
  @ApiOkResponse({ type: UserResponse, description: 'The user, now with emailVerified: true' })
  @ApiProblems('validation_failed', 'invalid_token', 'unavailable')
  async confirmEmailVerification(@Body() body: OneTimeTokenDto, @CurrentClient() client: ClientContext): Promise<UserResponse> {
    return this.userView.of(await this.confirmVerification.confirm(body.token, client));
  }

  @Public()
  @Post('auth/password/forgot')
  @HttpCode(202)
  @ApiTags('auth')
  @ApiOperation({ operationId: 'forgotPassword', summary: 'Mail a password-reset link; the same answer whether or not the account exists' })
  @ApiAcceptedResponse(FORGOT_ACCEPTED)
  @ApiProblems('validation_failed', 'rate_limited', 'unavailable')
  async forgotPassword(@Body() body: ForgotPasswordDto, @CurrentClient() client: ClientContext): Promise<void> {
    await this.forgotPasswordFlow.forgot(body.email, client);
  }

  @Public()
  @Post('auth/password/reset')
  @HttpCode(204)
  @ApiTags('auth')
  @ApiOperation({ operationId: 'resetPassword', summary: 'Set a new password with the token from the mail; every session ends' })
  @ApiNoContentResponse({ description: 'The password is set; every session of the user ended' })
  @ApiProblems('validation_failed', 'invalid_token', 'weak_password', 'overloaded', 'unavailable')
  async resetPassword(@Body() body: ResetPasswordDto, @CurrentClient() client: ClientContext): Promise<void> {
    await this.resetPasswordFlow.reset(body.token, body.newPassword, client);
  }

  @Post('me/email')
  @HttpCode(202)
  @ApiTags('account')
  @ApiBearerAuth('accessToken')
  @ApiOperation({ operationId: 'requestEmailChange', summary: 'Mail a confirmation link to the new address (password confirmed)' })
  @ApiAcceptedResponse({ description: 'Accepted; the confirmation is mailed to the new address and a notice to the old one. No body.' })
  @RequiresStepUp()
  @ApiProblems('validation_failed', 'invalid_credentials', 'unauthorized', 'step_up_required', 'email_taken', 'rate_limited', 'overloaded', 'unavailable')
  async requestEmailChange(@CurrentPrincipal() principal: Principal, @Body() body: RequestEmailChangeDto, @CurrentClient() client: ClientContext): Promise<void> {
    await this.requestEmailChangeFlow.request(principal, body.newEmail, body.password, client);
  }

  @Public()
  @Post('auth/email/change/confirm')
  @HttpCode(200)
  @ApiTags('auth')
  @ApiOperation({ operationId: 'confirmEmailChange', summary: 'Confirm the new email address with the token from the mail' })
  @ApiOkResponse({ type: UserResponse, description: 'The user with the new (verified) email address' })
  @ApiProblems('validation_failed', 'invalid_token', 'email_taken', 'unavailable')
  async confirmEmailChange(@Body() body: OneTimeTokenDto, @CurrentClient() client: ClientContext): Promise<UserResponse> {
    return this.userView.of(await this.confirmEmailChangeFlow.confirm(body.token, client));
  }
}
