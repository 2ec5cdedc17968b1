import { Injectable } from '@nestjs/common';
import { flowEvent, FlowOutcomes } from '@identsphere/auth';
import { TransactionHost } from '@identsphere/database';
import { IdentityProvider, IdentityProviderInput, IdentityProviders } from '@identsphere/identities';
import type { AdminActor } from '../flows/admin-actor';
import { IdentityProviderChange, IdentityProviderMetrics } from './identity-provider-metrics';

type ProviderEventType = 'identity_provider_created' | 'identity_provider_updated' | 'identity_provider_deleted';

const EVENT_OF: Record<IdentityProviderChange, ProviderEventType> = {
  create: 'identity_provider_created',
  update: 'identity_provider_updated',
  delete: 'identity_provider_deleted',
};

/**
 * Who may sign in, and as which roles, follows from the identity providers: every change is a security event
 * committed with it. No user owns it; the actor is the admin user or machine client, `detail.provider_id` the
 * provider, with its domains and enforce_sso (not secret) and whether a new client secret was set
 * (`client_auth_changed`; never the secret).
 */
@Injectable()
export class IdentityProviderAdminFlow {
  constructor(
    private readonly providers: IdentityProviders,
    private readonly outcomes: FlowOutcomes,
    private readonly metrics: IdentityProviderMetrics,
    private readonly tx: TransactionHost,
  ) {}

  create(input: IdentityProviderInput, by: AdminActor): Promise<IdentityProvider> {
    return this.tx.run(async () => {
      const created = await this.providers.create(input, by.actorId);
      await this.record('create', created, by, { client_auth_changed: 'true' });
      return created;
    });
  }

  replace(id: string, input: Omit<IdentityProviderInput, 'id'>, by: AdminActor): Promise<IdentityProvider> {
    return this.tx.run(async () => {
      const replaced = await this.providers.replace(id, input, by.actorId);
      await this.record('update', replaced, by, { client_auth_changed: String(input.clientSecret !== undefined) });
      return replaced;
    });
  }

  delete(id: string, by: AdminActor): Promise<void> {
    return this.tx.run(async () => {
      const deleted = await this.providers.delete(id, by.actorId);
      await this.record('delete', deleted, by);
    });
  }

  private async record(action: IdentityProviderChange, provider: IdentityProvider, by: AdminActor, detail: Record<string, string> = {}): Promise<void> {
    const facts = { provider_id: provider.id, domains: domainsDetail(provider.domains), enforce_sso: String(provider.enforceSso), ...detail };
    await this.outcomes.record([{ ...flowEvent(EVENT_OF[action], null, null, facts), actorId: by.actorId }], by.client);
    this.metrics.countAfterCommit(action);
  }
}

/** Audit detail values are short: a long domain list is summarised by its size. */
function domainsDetail(domains: readonly string[]): string {
  const joined = domains.join(',');
  return joined.length <= 200 ? joined : `${domains.length} domains`;
}
