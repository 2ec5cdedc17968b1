import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import type { DeliveryOutcome } from '@identsphere/database';
import { MetricsRegistry } from '@identsphere/observability';
import { WebhookDeliveriesRepository } from './persistence/webhook-deliveries.repository';

/** Delivery attempts by outcome, and the pending backlog (read from the table at each scrape). */
@Injectable()
export class WebhookMetrics {
  private readonly attempts: Counter<'outcome'>;

  constructor({ registry }: MetricsRegistry, deliveries: WebhookDeliveriesRepository) {
    this.attempts = new Counter({
      name: 'identsphere_webhook_delivery_attempts_total',
      help: 'Webhook delivery attempts by outcome: sent, retry (failed, due again later), failed (given up)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    new Gauge({
      name: 'identsphere_webhook_queue_depth',
      help: 'Webhook deliveries waiting to be sent (due now or retrying later), across all instances',
      registers: [registry],
      async collect() {
        // A scrape while the database is down reports the last value rather than failing /metrics.
        const depth = await deliveries.queue.pendingCount().catch(() => null);
        if (depth !== null) this.set(depth);
      },
    });
  }

  attempted(outcome: DeliveryOutcome): void {
    this.attempts.inc({ outcome });
  }
}
