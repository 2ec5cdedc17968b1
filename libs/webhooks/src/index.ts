export * from './webhooks.module';
export { WebhookPublisher } from './webhook-publisher';
export { WebhookSecretCipher } from './webhook-secret-cipher';
export { WEBHOOK_EVENT_TYPES, WebhookEventType, WebhookEventData } from './webhook-event-types';
export { WebhookWorkerOptions } from './delivery/webhook-delivery-worker';
// The admin side, served by the admin lib (which records each change as a security event).
export { WebhooksService } from './webhooks.service';
export { WebhookErrors } from './webhooks.errors';
export { CreateWebhookDto } from './dto/create-webhook.request';
export * from './dto/webhook.response';
