import { Body, Controller, Delete, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiProblems, RequiresStepUp } from '@identsphere/common';
import { DEFAULT_EVENTS_LIMIT } from '@identsphere/audit';
import { normalizeEmail, UserDirectory } from '@identsphere/users';
import { ApiUserIdParam, UserIdParam } from './admin-user-id';
import { SetRolesRequest } from './dto/admin-user-requests.dto';
import {
  AdminUserDetailsResponse,
  AdminUserListResponse,
  AdminUserResponse,
  toAdminUserDetailsResponse,
  toAdminUserListResponse,
  toAdminUserResponse,
} from './dto/admin-user.response';
import { ListUsersQuery } from './dto/list-users.query';
import { AccountAdminFlow } from './flows/account-admin.flow';
import { CurrentAdminActor } from './current-admin-actor';
import type { AdminActor } from './flows/admin-actor';
import { UserDetailsQuery } from './queries/user-details.query';

@ApiTags('admin')
@AdminOnly()
@Controller('v1/admin/users')
export class AdminUsersController {
  constructor(
    private readonly directory: UserDirectory,
    private readonly details: UserDetailsQuery,
    private readonly accounts: AccountAdminFlow,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'adminListUsers', summary: 'Search the accounts, newest first' })
  @ApiOkResponse({ type: AdminUserListResponse })
  @ApiProblems('validation_failed', 'unauthorized', 'forbidden', 'unavailable')
  async adminListUsers(@Query() query: ListUsersQuery): Promise<AdminUserListResponse> {
    const { email, role, disabled, verified, cursor, limit = DEFAULT_EVENTS_LIMIT } = query;
    return toAdminUserListResponse(await this.directory.search({ emailPrefix: email === undefined ? undefined : normalizeEmail(email), role, disabled, verified }, { cursor, limit }));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'adminGetUser', summary: 'One account with its live sessions and factors (never a secret)' })
  @ApiUserIdParam()
  @ApiOkResponse({ type: AdminUserDetailsResponse })
  @ApiProblems('unauthorized', 'forbidden', 'not_found', 'unavailable')
  async adminGetUser(@UserIdParam() id: string): Promise<AdminUserDetailsResponse> {
    return toAdminUserDetailsResponse(await this.details.of(id));
  }

  @Put(':id/roles')
  @RequiresStepUp()
  @ApiOperation({ operationId: 'adminSetRoles', summary: "Replace an account's roles (they show in its next access token)" })
  @ApiUserIdParam()
  @ApiOkResponse({ type: AdminUserResponse })
  @ApiProblems('validation_failed', 'unauthorized', 'forbidden', 'step_up_required', 'not_found', 'admin_self_action', 'last_admin', 'unavailable')
  async adminSetRoles(@UserIdParam() id: string, @Body() body: SetRolesRequest, @CurrentAdminActor() by: AdminActor): Promise<AdminUserResponse> {
    return toAdminUserResponse(await this.accounts.setRoles(id, body.roles, by));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequiresStepUp()
  @ApiOperation({ operationId: 'adminDeleteUser', summary: 'Delete an account with its sessions and factors' })
  @ApiUserIdParam()
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems('unauthorized', 'forbidden', 'step_up_required', 'not_found', 'admin_self_action', 'last_admin', 'unavailable')
  async adminDeleteUser(@UserIdParam() id: string, @CurrentAdminActor() by: AdminActor): Promise<void> {
    await this.accounts.delete(id, by);
  }
}
