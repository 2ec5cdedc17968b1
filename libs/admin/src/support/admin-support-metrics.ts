import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsRegistry } from '@identsphere/observability';

/** The support actions an administrator (or the CLI) can take; the fixed label values of the counter. */
export type SupportAction = 'reset_mfa' | 'clear_login_lock' | 'resend_verification' | 'password_reset_link' | 'create_admin';

/** Support actions that committed, by action (never by user or admin: label values are this fixed set). */
@Injectable()
export class AdminSupportMetrics {
  private readonly actions: Counter<'action'>;

  constructor({ registry }: MetricsRegistry) {
    this.actions = new Counter({
      name: 'identsphere_admin_support_actions_total',
      help: 'Administrator support actions that took effect, by action',
      labelNames: ['action'],
      registers: [registry],
    });
  }

  count(action: SupportAction): void {
    this.actions.inc({ action });
  }
}
