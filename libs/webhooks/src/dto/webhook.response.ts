import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { WebhookDelivery, WebhookEndpoint } from '../webhook';
import { WEBHOOK_EVENT_TYPES, WebhookEventType } from '../webhook-event-types';

const ID_EXAMPLE = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

@ApiSchema({ name: 'WebhookEndpoint' })
export class WebhookEndpointResponse {
  @ApiProperty({ format: 'uuid', example: ID_EXAMPLE }) id: string;
  @ApiProperty({ example: 'https://hooks.example.com/identsphere' }) url: string;
  @ApiProperty({ type: [String], enum: WEBHOOK_EVENT_TYPES, example: ['user.created', 'user.deleted'] }) events: WebhookEventType[];
  @ApiProperty({ format: 'date-time', example: '2026-01-15T09:30:00.000Z' }) createdAt: string;
}

@ApiSchema({ name: 'CreatedWebhookEndpoint' })
export class CreatedWebhookResponse extends WebhookEndpointResponse {
  @ApiProperty({
    pattern: '^whsec_[A-Za-z0-9+/]{32}$',
    description: 'The Standard Webhooks signing secret. Shown only in this answer: store it now',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  })
  secret: string;
}

@ApiSchema({ name: 'WebhookEndpointList' })
export class WebhookEndpointListResponse {
  @ApiProperty({ type: [WebhookEndpointResponse] }) items: WebhookEndpointResponse[];
}

@ApiSchema({ name: 'WebhookDelivery' })
export class WebhookDeliveryResponse {
  @ApiProperty({ format: 'uuid', description: 'Also the webhook-id header of every attempt', example: ID_EXAMPLE }) id: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, example: 'user.created' }) eventType: WebhookEventType;
  @ApiProperty({ enum: ['pending', 'sent', 'failed'], description: 'failed: every attempt failed; no more are made', example: 'sent' }) status: 'pending' | 'sent' | 'failed';
  @ApiProperty({ type: 'integer', minimum: 0, example: 1 }) attempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last attempt failed (e.g. `http_503: receiver answered 503`, `timeout: …`)', example: null })
  lastError: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-01-15T09:30:00.000Z' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the next attempt is due (pending only)', example: null })
  nextAttemptAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-01-15T09:30:01.000Z' }) sentAt: string | null;
}

@ApiSchema({ name: 'WebhookDeliveryList' })
export class WebhookDeliveryListResponse {
  @ApiProperty({ type: [WebhookDeliveryResponse], description: 'The latest 100, newest first' }) items: WebhookDeliveryResponse[];
}

export const toWebhookEndpointResponse = (e: WebhookEndpoint): WebhookEndpointResponse => ({ id: e.id, url: e.url, events: [...e.events], createdAt: e.createdAt.toISOString() });

export const toCreatedWebhookResponse = (e: WebhookEndpoint, secret: string): CreatedWebhookResponse => ({ ...toWebhookEndpointResponse(e), secret });

export const toWebhookDeliveryResponse = (d: WebhookDelivery): WebhookDeliveryResponse => ({
  id: d.id,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  lastError: d.lastError,
  createdAt: d.createdAt.toISOString(),
  nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
  sentAt: d.sentAt?.toISOString() ?? null,
});
