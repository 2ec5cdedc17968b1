import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminEventReader } from '@identsphere/audit';
import { AdminOnly, ApiProblems } from '@identsphere/common';
import { AdminEventListResponse, ListAdminEventsQuery, toAdminEventListResponse } from './dto/admin-event.dto';

@ApiTags('admin')
@AdminOnly()
@Controller('v1/admin/events')
export class AdminEventsController {
  constructor(private readonly reader: AdminEventReader) {}

  @Get()
  @ApiOperation({ operationId: 'adminListEvents', summary: "Every account's security events, newest first, with who acted" })
  @ApiOkResponse({ type: AdminEventListResponse })
  @ApiProblems('validation_failed', 'unauthorized', 'forbidden', 'unavailable')
  async adminListEvents(@Query() query: ListAdminEventsQuery): Promise<AdminEventListResponse> {
    const { userId, actorId, type, since, until, cursor, limit } = query;
    const filter = { userId: userId?.toLowerCase(), actorId, type, since: since ? new Date(since) : undefined, until: until ? new Date(until) : undefined };
    return toAdminEventListResponse(await this.reader.list(filter, { cursor, limit }));
  }
}
