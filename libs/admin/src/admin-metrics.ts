import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { TransactionHost } from '@identsphere/database';
import { MetricsRegistry } from '@identsphere/observability';

/** Every write of the users admin API; a fixed set, so the label never carries ids or input. */
export const ADMIN_ACTIONS = ['disable', 'enable', 'revoke_sessions', 'delete', 'set_roles'] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/** `identsphere_admin_actions_total{action}`: admin writes that committed. Dashboards use the name: do not rename it. */
@Injectable()
export class AdminMetrics {
  private readonly actions: Counter<'action'>;

  constructor(
    { registry }: MetricsRegistry,
    private readonly tx: TransactionHost,
  ) {
    this.actions = new Counter({ name: 'identsphere_admin_actions_total', help: 'Administrator actions on accounts, by action', labelNames: ['action'], registers: [registry] });
    for (const action of ADMIN_ACTIONS) this.actions.inc({ action }, 0);
  }

  /** Counts once the surrounding transaction commits: a refused or rolled-back action is not an action. */
  countAfterCommit(action: AdminAction): void {
    this.tx.afterCommit(() => this.actions.inc({ action }));
  }
}
