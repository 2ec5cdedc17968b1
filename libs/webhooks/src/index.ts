export * from './webhooks.module';
export { WebhookPublisher } from './webhook-publisher';
export { WebhookSecretCipher } from './webhook-secret-cipher';
export { WEBHOOK_EVENT_TYPES, WebhookEventType, WebhookEventData } from './webhook-event-types';
export { WebhookWorkerOptions } from './delivery/webhook-delivery-worker';
