import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { TransactionHost } from '@identsphere/database';
import { MetricsRegistry } from '@identsphere/observability';

/** A fixed set, so the label never carries ids or input. */
export const IDENTITY_PROVIDER_CHANGES = ['create', 'update', 'delete'] as const;
export type IdentityProviderChange = (typeof IDENTITY_PROVIDER_CHANGES)[number];

/** `identsphere_identity_provider_changes_total{action}`: admin API changes to identity providers that committed. */
@Injectable()
export class IdentityProviderMetrics {
  private readonly changes: Counter<'action'>;

  constructor(
    { registry }: MetricsRegistry,
    private readonly tx: TransactionHost,
  ) {
    this.changes = new Counter({ name: 'identsphere_identity_provider_changes_total', help: 'Identity provider changes through the admin API, by action', labelNames: ['action'], registers: [registry] });
    for (const action of IDENTITY_PROVIDER_CHANGES) this.changes.inc({ action }, 0);
  }

  /** Counts once the surrounding transaction commits: a refused change is not a change. */
  countAfterCommit(action: IdentityProviderChange): void {
    this.tx.afterCommit(() => this.changes.inc({ action }));
  }
}
