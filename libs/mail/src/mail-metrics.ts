import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsRegistry } from '@identsphere/observability';

/** Why a requested mail was not queued; fixed values only, never an address. */
export type MailDropReason = 'recipient_budget';

/** Mail counters: a dropped mail leaves no outbox row, so this is the only trace an operator can watch. */
@Injectable()
export class MailMetrics {
  private readonly droppedTotal: Counter<'reason'>;

  constructor({ registry }: MetricsRegistry) {
    this.droppedTotal = new Counter({ name: 'identsphere_mail_dropped_total', help: 'Requested mails not sent, by reason', labelNames: ['reason'], registers: [registry] });
  }

  dropped(reason: MailDropReason): void {
    this.droppedTotal.inc({ reason });
  }
}
