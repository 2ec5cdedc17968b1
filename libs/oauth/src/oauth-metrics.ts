import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsRegistry } from '@identsphere/observability';
import type { OAuthErrorCode } from './oauth-error';

export type GrantOutcome = 'issued' | OAuthErrorCode;
/** `refused`: the caller was no authenticated client with the introspect scope; the token was not judged. */
export type IntrospectionResult = 'active' | 'inactive' | 'refused';

/** Counters of the OAuth endpoints. Label values are fixed enums, never client ids. */
@Injectable()
export class OAuthMetrics {
  private readonly grants: Counter<'outcome'>;
  private readonly introspections: Counter<'result'>;

  constructor({ registry }: MetricsRegistry) {
    this.grants = new Counter({ name: 'identsphere_oauth_token_grants_total', help: 'Client-credentials token requests by outcome', labelNames: ['outcome'], registers: [registry] });
    this.introspections = new Counter({ name: 'identsphere_oauth_introspections_total', help: 'Token introspections by result', labelNames: ['result'], registers: [registry] });
  }

  grant(outcome: GrantOutcome): void {
    this.grants.inc({ outcome });
  }

  introspection(result: IntrospectionResult): void {
    this.introspections.inc({ result });
  }
}
