import { applyDecorators, Body, Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiProblems, Caller, ClientContext, CurrentCaller, CurrentClient, headerRef, RequiresStepUp, RESPONSE_HEADERS } from '@identsphere/common';
import { ClientsService } from './clients.service';
import { ClientListResponse, ClientResponse, ClientWithSecretResponse, toClientListResponse, toClientResponse, toClientWithSecretResponse } from './dto/client.response';
import { CreateClientDto } from './dto/create-client.request';

const NO_STORE = { 'Cache-Control': headerRef(RESPONSE_HEADERS.cacheControlNoStore) };
const READ_PROBLEMS = ['unauthorized', 'forbidden', 'mfa_enrollment_required', 'unavailable'] as const;
const WRITE_PROBLEMS = [...READ_PROBLEMS, 'step_up_required', 'not_found'] as const;
const ClientIdParam = () => ApiParam({ name: 'id', description: 'A clientId; anything else is 404', example: 'isc_3q2Vb9xTQe6mJ8rKd1LwZg' });

/** A change to one client (200, or 204 for `status` 204): step-up for admin users, 404 for an unknown id. */
const ClientChange = (operationId: string, summary: string, status: 200 | 204 = 200) =>
  applyDecorators(HttpCode(status), RequiresStepUp(), ClientIdParam(), ApiOperation({ operationId, summary }), ApiProblems(...WRITE_PROBLEMS));

/** Machine clients, for admins: an admin user (writes after an MFA step-up) or a client with the admin scope. */
@ApiTags('clients')
@ApiBearerAuth('accessToken')
@AdminOnly()
@Controller('v1/admin/clients')
export class AdminClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Post()
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @RequiresStepUp()
  @ApiOperation({ operationId: 'createClient', summary: 'Create a machine client; its secret is shown this once' })
  @ApiResponse({ status: 201, type: ClientWithSecretResponse, description: 'Created', headers: NO_STORE })
  @ApiProblems('validation_failed', ...READ_PROBLEMS, 'step_up_required')
  async createClient(@Body() body: CreateClientDto, @CurrentCaller() caller: Caller, @CurrentClient() context: ClientContext): Promise<ClientWithSecretResponse> {
    return toClientWithSecretResponse(await this.clients.create({ name: body.name, scopes: body.scopes }, { caller, context }));
  }

  @Get()
  @ApiOperation({ operationId: 'listClients', summary: 'Every machine client, oldest first' })
  @ApiOkResponse({ type: ClientListResponse })
  @ApiProblems(...READ_PROBLEMS)
  async listClients(): Promise<ClientListResponse> {
    return toClientListResponse(await this.clients.list());
  }

  @Get(':id')
  @ClientIdParam()
  @ApiOperation({ operationId: 'getClient', summary: 'One machine client' })
  @ApiOkResponse({ type: ClientResponse })
  @ApiProblems(...READ_PROBLEMS, 'not_found')
  async getClient(@Param('id') id: string): Promise<ClientResponse> {
    return toClientResponse(await this.clients.get(id));
  }

  @Delete(':id')
  @ClientChange('deleteClient', 'Delete a machine client: its secrets and tokens stop working at once', 204)
  @ApiNoContentResponse({ description: 'Deleted' })
  async deleteClient(@Param('id') id: string, @CurrentCaller() caller: Caller, @CurrentClient() context: ClientContext): Promise<void> {
    await this.clients.delete(id, { caller, context });
  }

  @Post(':id/rotate-secret')
  @Header('Cache-Control', 'no-store')
  @ClientChange('rotateClientSecret', 'Issue a new secret; the previous one keeps working for 24 hours or until the next rotation')
  @ApiOkResponse({ type: ClientWithSecretResponse, headers: NO_STORE })
  async rotateClientSecret(@Param('id') id: string, @CurrentCaller() caller: Caller, @CurrentClient() context: ClientContext): Promise<ClientWithSecretResponse> {
    return toClientWithSecretResponse(await this.clients.rotateSecret(id, { caller, context }));
  }

  @Post(':id/disable')
  @ClientChange('disableClient', 'Disable a machine client: its secrets and tokens are refused at once (idempotent)')
  @ApiOkResponse({ type: ClientResponse })
  async disableClient(@Param('id') id: string, @CurrentCaller() caller: Caller, @CurrentClient() context: ClientContext): Promise<ClientResponse> {
    return toClientResponse(await this.clients.disable(id, { caller, context }));
  }

  @Post(':id/enable')
  @ClientChange('enableClient', 'Enable a disabled machine client again (idempotent)')
  @ApiOkResponse({ type: ClientResponse })
  async enableClient(@Param('id') id: string, @CurrentCaller() caller: Caller, @CurrentClient() context: ClientContext): Promise<ClientResponse> {
    return toClientResponse(await this.clients.enable(id, { caller, context }));
  }
}
