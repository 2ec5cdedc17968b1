import type { WebhookEventType } from './webhook-event-types';

/** A configured receiver, as the admin API shows it: never its secret. */
export interface WebhookEndpoint {
  readonly id: string;
  readonly url: string;
  readonly events: readonly WebhookEventType[];
  readonly createdAt: Date;
}

export type WebhookDeliveryStatus = 'pending' | 'sent' | 'failed';

/** One event for one endpoint, as the admin API shows it. */
export interface WebhookDelivery {
  readonly id: string;
  readonly eventType: WebhookEventType;
  readonly status: WebhookDeliveryStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly nextAttemptAt: Date | null;
  readonly sentAt: Date | null;
}
