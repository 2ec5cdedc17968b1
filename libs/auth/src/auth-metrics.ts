import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsRegistry } from '@identsphere/observability';

export type LoginOutcome = 'success' | 'invalid' | 'throttled' | 'overloaded' | 'disabled' | 'unverified';
export type RefreshOutcome = 'rotated' | 'grace' | 'reused' | 'expired' | 'revoked' | 'invalid';

/**
 * Security-relevant counters that the sign-in flows report. Label values are fixed enums: never user ids
 * or emails. Dashboards and alerts use these names: do not rename them.
 */
@Injectable()
export class AuthMetrics {
  private readonly logins: Counter<'outcome'>;
  private readonly refreshes: Counter<'outcome'>;

  constructor({ registry }: MetricsRegistry) {
    this.logins = new Counter({ name: 'identsphere_logins_total', help: 'Login attempts by outcome', labelNames: ['outcome'], registers: [registry] });
    this.refreshes = new Counter({ name: 'identsphere_refreshes_total', help: 'Refresh attempts by outcome', labelNames: ['outcome'], registers: [registry] });
  }

  login(outcome: LoginOutcome): void {
    this.logins.inc({ outcome });
  }

  refresh(outcome: RefreshOutcome): void {
    this.refreshes.inc({ outcome });
  }
}
