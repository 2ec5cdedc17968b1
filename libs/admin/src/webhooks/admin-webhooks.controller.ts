import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiProblems, RequiresStepUp } from '@identsphere/common';
import {
  CreatedWebhookResponse,
  CreateWebhookDto,
  toCreatedWebhookResponse,
  toWebhookDeliveryResponse,
  toWebhookEndpointResponse,
  WebhookDeliveryListResponse,
  WebhookEndpointListResponse,
  WebhookEndpointResponse,
  WebhookErrors,
  WebhooksService,
} from '@identsphere/webhooks';
import { CurrentAdminActor } from '../current-admin-actor';
import type { AdminActor } from '../flows/admin-actor';
import { WebhookAdminFlow } from './webhook-admin.flow';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID_PARAM = { name: 'id', format: 'uuid', description: 'A webhook endpoint id; anything else is 404', example: '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' } as const;

/** A malformed id names no endpoint: the same answer as an unknown one. */
function endpointId(id: string): string {
  if (!UUID.test(id)) throw WebhookErrors.notFound();
  return id.toLowerCase();
}

@ApiTags('webhooks')
@ApiBearerAuth('accessToken')
@AdminOnly()
@Controller('v1/admin/webhooks')
export class AdminWebhooksController {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly changes: WebhookAdminFlow,
  ) {}

  @Post()
  @RequiresStepUp()
  @ApiOperation({ operationId: 'createWebhook', summary: 'Configure a webhook endpoint; the answer shows its signing secret, once' })
  @ApiCreatedResponse({ type: CreatedWebhookResponse })
  @ApiProblems('validation_failed', 'webhook_url_refused', 'unauthorized', 'forbidden', 'step_up_required', 'mfa_enrollment_required', 'webhook_limit_reached', 'unavailable')
  async createWebhook(@CurrentAdminActor() by: AdminActor, @Body() body: CreateWebhookDto): Promise<CreatedWebhookResponse> {
    const { endpoint, secret } = await this.changes.create(body.url, body.events, by);
    return toCreatedWebhookResponse(endpoint, secret);
  }

  @Get()
  @ApiOperation({ operationId: 'listWebhooks', summary: 'Every configured webhook endpoint (without secrets)' })
  @ApiOkResponse({ type: WebhookEndpointListResponse })
  @ApiProblems('unauthorized', 'forbidden', 'mfa_enrollment_required', 'unavailable')
  async listWebhooks(): Promise<WebhookEndpointListResponse> {
    return { items: (await this.webhooks.list()).map(toWebhookEndpointResponse) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getWebhook', summary: 'One webhook endpoint (without its secret)' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: WebhookEndpointResponse })
  @ApiProblems('unauthorized', 'forbidden', 'mfa_enrollment_required', 'not_found', 'unavailable')
  async getWebhook(@Param('id') id: string): Promise<WebhookEndpointResponse> {
    return toWebhookEndpointResponse(await this.webhooks.get(endpointId(id)));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequiresStepUp()
  @ApiOperation({ operationId: 'deleteWebhook', summary: 'Delete a webhook endpoint and its deliveries, pending ones included' })
  @ApiParam(ID_PARAM)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems('unauthorized', 'forbidden', 'step_up_required', 'mfa_enrollment_required', 'not_found', 'unavailable')
  async deleteWebhook(@CurrentAdminActor() by: AdminActor, @Param('id') id: string): Promise<void> {
    await this.changes.delete(endpointId(id), by);
  }

  @Get(':id/deliveries')
  @ApiOperation({ operationId: 'listWebhookDeliveries', summary: "An endpoint's latest 100 deliveries, newest first" })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: WebhookDeliveryListResponse })
  @ApiProblems('unauthorized', 'forbidden', 'mfa_enrollment_required', 'not_found', 'unavailable')
  async listWebhookDeliveries(@Param('id') id: string): Promise<WebhookDeliveryListResponse> {
    return { items: (await this.webhooks.deliveriesOf(endpointId(id))).map(toWebhookDeliveryResponse) };
  }
}
