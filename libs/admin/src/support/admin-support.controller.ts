import { Controller, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiProblems, headerRef, RequiresStepUp, RESPONSE_HEADERS } from '@identsphere/common';
import { CurrentAdminActor } from '../current-admin-actor';
import type { AdminActor } from './admin-actor';
import { ClearLoginLockFlow } from './clear-login-lock.flow';
import { MfaResetResponse, PasswordResetLinkResponse, toMfaResetResponse, toPasswordResetLinkResponse } from './dto/admin-support.responses';
import { PasswordResetLinkFlow } from './password-reset-link.flow';
import { ResendVerificationFlow } from './resend-verification.flow';
import { ResetMfaFlow } from './reset-mfa.flow';

const USER_ID = { name: 'id', format: 'uuid', description: 'The user id; an unknown or malformed id is 404', example: '0b6f8f2e-5c1d-4e8a-9f3b-7a2c1d0e9f84' };
const NO_STORE = { 'Cache-Control': headerRef(RESPONSE_HEADERS.cacheControlNoStore) };
/** What the guard answers on an admin write, besides each operation's own codes. */
const ADMIN_WRITE_PROBLEMS = ['unauthorized', 'forbidden', 'step_up_required', 'not_found', 'unavailable'] as const;

/** Support actions on one user (docs/api.md, Administration: support actions): admins only, each a write needing a recent MFA step-up. */
@Controller('v1/admin/users/:id')
@ApiTags('admin')
@ApiBearerAuth('accessToken')
@ApiParam(USER_ID)
@AdminOnly()
@RequiresStepUp()
export class AdminSupportController {
  constructor(
    private readonly resetMfaFlow: ResetMfaFlow,
    private readonly clearLoginLockFlow: ClearLoginLockFlow,
    private readonly resendVerificationFlow: ResendVerificationFlow,
    private readonly passwordResetLinkFlow: PasswordResetLinkFlow,
  ) {}

  @Post('reset-mfa')
  @HttpCode(200)
  @ApiOperation({ operationId: 'adminResetMfa', summary: "Remove every second factor of the user, end the user's sessions and mail the owner" })
  @ApiOkResponse({ type: MfaResetResponse })
  @ApiProblems(...ADMIN_WRITE_PROBLEMS)
  async resetMfa(@Param('id') id: string, @CurrentAdminActor() by: AdminActor): Promise<MfaResetResponse> {
    return toMfaResetResponse(await this.resetMfaFlow.reset(id, by));
  }

  @Post('clear-login-lock')
  @HttpCode(204)
  @ApiOperation({ operationId: 'adminClearLoginLock', summary: "Lift the user's login locks (permanent ones too)" })
  @ApiNoContentResponse({ description: 'No lock holds any more (also when none did)' })
  @ApiProblems(...ADMIN_WRITE_PROBLEMS)
  async clearLoginLock(@Param('id') id: string, @CurrentAdminActor() by: AdminActor): Promise<void> {
    await this.clearLoginLockFlow.clear(id, by);
  }

  @Post('resend-verification')
  @HttpCode(202)
  @ApiOperation({ operationId: 'adminResendVerification', summary: 'Mail the user a new email-verification link' })
  @ApiAcceptedResponse({ description: 'Accepted; the mail is queued. No body.' })
  @ApiProblems(...ADMIN_WRITE_PROBLEMS, 'email_already_verified')
  async resendVerification(@Param('id') id: string, @CurrentAdminActor() by: AdminActor): Promise<void> {
    await this.resendVerificationFlow.resend(id, by);
  }

  @Post('password-reset-link')
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'adminCreatePasswordResetLink', summary: 'Create a one-time password-reset link for a support desk to hand over (shown once)' })
  @ApiCreatedResponse({ type: PasswordResetLinkResponse, headers: NO_STORE })
  @ApiProblems(...ADMIN_WRITE_PROBLEMS)
  async createPasswordResetLink(@Param('id') id: string, @CurrentAdminActor() by: AdminActor): Promise<PasswordResetLinkResponse> {
    return toPasswordResetLinkResponse(await this.passwordResetLinkFlow.create(id, by));
  }
}
