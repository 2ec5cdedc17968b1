import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ClientContext, CurrentClient, CurrentPrincipal, Principal } from '@identsphere/common';
import { SessionListResponse, toSessionResponse } from './dto/session.response';
import { SessionErrors } from './sessions.errors';
import { SessionsService } from './sessions.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('account')
@ApiBearerAuth('accessToken')
@Controller('v1/me/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @ApiOperation({ operationId: 'listSessions', summary: "The signed-in user's live sessions" })
  @ApiOkResponse({ type: SessionListResponse })
  @ApiProblems('unauthorized', 'unavailable')
  async listSessions(@CurrentPrincipal() principal: Principal): Promise<SessionListResponse> {
    const sessions = await this.sessions.list(principal.userId);
    return { items: sessions.map((s) => toSessionResponse(s, principal.sessionId, this.sessions.effectiveExpiry(s))) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'revokeSession', summary: 'Revoke one of your sessions' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'A session id from listSessions; anything else is 404', example: '0b6f8f2e-5c1d-4e8a-9f3b-7a2c1d0e9f84' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblems('unauthorized', 'not_found', 'unavailable')
  async revokeSession(@CurrentPrincipal() principal: Principal, @CurrentClient() client: ClientContext, @Param('id') id: string): Promise<void> {
    // A malformed id names no session of yours: same answer as another user's id.
    if (!UUID.test(id)) throw SessionErrors.notFound();
    await this.sessions.revokeOwn(principal.userId, id.toLowerCase(), { client, sessionId: principal.sessionId });
  }
}
