import { Body, Controller, Delete, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiProblems, ClientContext, CurrentClient, CurrentPrincipal, Principal } from '@identsphere/common';
import { ChangePasswordDto, DeleteMeDto } from './dto/auth-requests.dto';
import { ChangePasswordFlow } from './flows/change-password.flow';
import { DeleteAccountFlow } from './flows/delete-account.flow';
import { ApiNoContentClearingCookie } from './http/auth.openapi';
import { TokenTransport } from './http/token-transport';

@ApiTags('account')
@ApiBearerAuth('accessToken')
@Controller('v1/me')
export class AccountController {
  constructor(
    private readonly changePasswordFlow: ChangePasswordFlow,
    private readonly deleteAccountFlow: DeleteAccountFlow,
    private readonly transport: TokenTransport,
  ) {}

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ operationId: 'changePassword', summary: 'Change the password; every OTHER session is revoked' })
  @ApiNoContentResponse({ description: 'Changed; every other session of the user ended' })
  @ApiProblems('validation_failed', 'weak_password', 'invalid_credentials', 'unauthorized', 'rate_limited', 'overloaded', 'unavailable')
  async changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordDto, @CurrentClient() client: ClientContext): Promise<void> {
    await this.changePasswordFlow.changePassword(principal, body.currentPassword, body.newPassword, client);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteMe', summary: 'Delete the account (password confirmed); all sessions end' })
  @ApiNoContentClearingCookie('The account and all its sessions are gone; cookie mode expires the refresh cookie')
  @ApiProblems('validation_failed', 'invalid_credentials', 'unauthorized', 'rate_limited', 'overloaded', 'unavailable')
  async deleteMe(@CurrentPrincipal() principal: Principal, @Body() body: DeleteMeDto, @CurrentClient() client: ClientContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.deleteAccountFlow.deleteAccount(principal, body.password, client);
    this.transport.clearRefreshCookie(req, res);
  }
}
