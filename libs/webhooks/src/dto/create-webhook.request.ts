import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, MaxLength } from 'class-validator';
import { MAX_WEBHOOK_URL_LENGTH } from '../delivery/webhook-target-policy';
import { WEBHOOK_EVENT_TYPES, WebhookEventType } from '../webhook-event-types';

@ApiSchema({ name: 'CreateWebhookRequest' })
export class CreateWebhookDto {
  @ApiProperty({
    maxLength: MAX_WEBHOOK_URL_LENGTH,
    description:
      'Where deliveries are POSTed. In production https only, to a host that resolves to public addresses only (400 webhook_url_refused); no user name or password in the URL',
    example: 'https://hooks.example.com/identsphere',
  })
  @IsString()
  @MaxLength(MAX_WEBHOOK_URL_LENGTH)
  url: string;

  @ApiProperty({
    type: [String],
    enum: WEBHOOK_EVENT_TYPES,
    minItems: 1,
    maxItems: WEBHOOK_EVENT_TYPES.length,
    description: 'The event types to deliver (duplicates are dropped)',
    example: ['user.created', 'user.deleted'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events: WebhookEventType[];
}
