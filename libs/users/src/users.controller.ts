import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Principal } from '@identsphere/common';
import { UpdateMeDto } from './dto/update-me.dto';
import { toUserResponse, UserResponse } from './dto/user.response';
import { UsersService } from './users.service';

@ApiTags('account')
@ApiBearerAuth('accessToken')
@Controller('v1/me')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ operationId: 'getMe', summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems('unauthorized', 'unavailable')
  async getMe(@CurrentPrincipal() principal: Principal): Promise<UserResponse> {
    return toUserResponse(await this.users.get(principal.userId));
  }

  @Patch()
  @ApiOperation({ operationId: 'updateMe', summary: 'Change the display name' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems('validation_failed', 'unauthorized', 'unavailable')
  async updateMe(@CurrentPrincipal() principal: Principal, @Body() body: UpdateMeDto): Promise<UserResponse> {
    return toUserResponse(await this.users.updateProfile(principal.userId, body.displayName));
  }
}
