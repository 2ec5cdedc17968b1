import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiProblems, CommonErrors, RequiresStepUp } from '@identsphere/common';
import { ApiUserIdParam, UserIdParam } from './admin-user-id';
import { DisableUserRequest } from './dto/admin-user-requests.dto';
import { AdminUserResponse, SessionsRevokedResponse, toAdminUserResponse } from './dto/admin-user.response';
import { AccountAccessFlow } from './flows/account-access.flow';
import { AccountAdminFlow } from './flows/account-admin.flow';
import { CurrentAdminActor } from './current-admin-actor';
import type { AdminActor } from './flows/admin-actor';

/** A temporary disable that ended already would be no disable at all: refuse it rather than guess. */
function futureMoment(until: string | undefined): Date | undefined {
  if (until === undefined) return undefined;
  const moment = new Date(until);
  if (!(moment.getTime() > Date.now())) throw CommonErrors.validationFailed([{ field: 'until', message: 'must be in the future', rule: 'out_of_range' }]);
  return moment;
}

@ApiTags('admin')
@AdminOnly()
@RequiresStepUp()
@Controller('v1/admin/users/:id')
export class AdminUserAccessController {
  constructor(
    private readonly access: AccountAccessFlow,
    private readonly accounts: AccountAdminFlow,
  ) {}

  @Post('disable')
  @HttpCode(200)
  @ApiOperation({ operationId: 'adminDisableUser', summary: 'Disable an account (optionally until a moment); every session is revoked at once' })
  @ApiUserIdParam()
  @ApiOkResponse({ type: AdminUserResponse })
  @ApiProblems('validation_failed', 'unauthorized', 'forbidden', 'step_up_required', 'not_found', 'admin_self_action', 'last_admin', 'unavailable')
  async adminDisableUser(@UserIdParam() id: string, @Body() body: DisableUserRequest, @CurrentAdminActor() by: AdminActor): Promise<AdminUserResponse> {
    const request = { reason: body.reason, until: futureMoment(body.until) };
    return toAdminUserResponse(await this.access.disable(id, request, by));
  }

  @Post('enable')
  @HttpCode(200)
  @ApiOperation({ operationId: 'adminEnableUser', summary: 'Enable a disabled account (its sessions stay revoked: the user signs in again)' })
  @ApiUserIdParam()
  @ApiOkResponse({ type: AdminUserResponse })
  @ApiProblems('unauthorized', 'forbidden', 'step_up_required', 'not_found', 'unavailable')
  async adminEnableUser(@UserIdParam() id: string, @CurrentAdminActor() by: AdminActor): Promise<AdminUserResponse> {
    return toAdminUserResponse(await this.access.enable(id, by));
  }

  @Post('sessions/revoke')
  @HttpCode(200)
  @ApiOperation({ operationId: 'adminRevokeSessions', summary: "Revoke every session of an account (e.g. to apply a role change at once)" })
  @ApiUserIdParam()
  @ApiOkResponse({ type: SessionsRevokedResponse })
  @ApiProblems('unauthorized', 'forbidden', 'step_up_required', 'not_found', 'unavailable')
  async adminRevokeSessions(@UserIdParam() id: string, @CurrentAdminActor() by: AdminActor): Promise<SessionsRevokedResponse> {
    return { revoked: await this.accounts.revokeSessions(id, by) };
  }
}
