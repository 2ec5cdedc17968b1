import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Principal } from '@identsphere/common';
import { AuditReader } from './audit-reader';
import { ListEventsQuery } from './dto/list-events.query';
import { SecurityEventListResponse, toSecurityEventListResponse } from './dto/security-event.response';

@ApiTags('account')
@ApiBearerAuth('accessToken')
@Controller('v1/me/events')
export class AuditController {
  constructor(private readonly reader: AuditReader) {}

  @Get()
  @ApiOperation({ operationId: 'listMyEvents', summary: "The signed-in user's recent security events, newest first" })
  @ApiOkResponse({ type: SecurityEventListResponse })
  @ApiProblems('validation_failed', 'unauthorized', 'unavailable')
  async listMyEvents(@CurrentPrincipal() principal: Principal, @Query() query: ListEventsQuery): Promise<SecurityEventListResponse> {
    return toSecurityEventListResponse(await this.reader.listForUser(principal.userId, query));
  }
}
