import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AllowedDuringEnrolment, ApiProblems, ClientContext, CurrentClient, CurrentPrincipal, Principal, RequiresStepUp } from '@identsphere/common';
import { UpdateMeDto, UserResponse, UsersService } from '@identsphere/users';
import { ChangePasswordDto, DeleteMeDto } from './dto/auth-requests.dto';
import { ChangePasswordFlow } from './flows/change-password.flow';
import { DeleteAccountFlow } from './flows/delete-account.flow';
import { ApiNoContentClearingCookie } from './http/auth.openapi';
import { TokenTransport } from './http/token-transport';
import { UserView } from './http/user-view';
import { MeResponse } from './sso/dto/me.response';

/** The signed-in account. GET/PATCH live here, not in the users lib, because the body shows the MFA state. */
@ApiTags('account')
@ApiBearerAuth('accessToken')
@Controller('v1/me')
export class AccountController {
  constructor(
    private readonly users: UsersService,
    private readonly userView: UserView,
    private readonly changePasswordFlow: ChangePasswordFlow,
    private readonly deleteAccountFlow: DeleteAccountFlow,
    private readonly transport: TokenTransport,
  ) {}

  @Get()
  @AllowedDuringEnrolment()
  @ApiOperation({ operationId: 'getMe', summary: 'The signed-in user' })
  @ApiOkResponse({ type: MeResponse })
  @ApiProblems('unauthorized', 'unavailable')
  async getMe(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    return this.userView.me(principal.userId);
  }

  @Patch()
  @ApiOperation({ operationId: 'updateMe', summary: 'Change the display name' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems('validation_failed', 'unauthorized', 'unavailable')
  async updateMe(@CurrentPrincipal() principal: Principal, @Body() body: UpdateMeDto): Promise<UserResponse> {
    return this.userView.of(await this.users.updateProfile(principal.userId, body.displayName));
  }

  @Post('password')
  @HttpCode(204)
  @RequiresStepUp()
  @ApiOperation({ operationId: 'changePassword', summary: 'Change the password (recent authentication required); every OTHER session is revoked' })
  @ApiNoContentResponse({ description: 'Changed; every other session of the user ended' })
  @ApiProblems('validation_failed', 'weak_password', 'invalid_credentials', 'unauthorized', 'step_up_required', 'rate_limited', 'overloaded', 'unavailable')
  async changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordDto, @CurrentClient() client: ClientContext): Promise<void> {
    await this.changePasswordFlow.changePassword(principal, body.currentPassword, body.newPassword, client);
  }

  @Delete()
  @HttpCode(204)
  @RequiresStepUp()
  @ApiOperation({ operationId: 'deleteMe', summary: 'Delete the account (password confirmed, recent authentication required); all sessions end' })
  @ApiNoContentClearingCookie('The account and all its sessions are gone; cookie mode expires the refresh cookie')
  @ApiProblems('validation_failed', 'invalid_credentials', 'unauthorized', 'step_up_required', 'rate_limited', 'overloaded', 'unavailable')
  async deleteMe(@CurrentPrincipal() principal: Principal, @Body() body: DeleteMeDto, @CurrentClient() client: ClientContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.deleteAccountFlow.deleteAccount(principal, body.password, client);
    this.transport.clearRefreshCookie(req, res);
  }
}
