import { Injectable } from '@nestjs/common';
import type { ClientContext } from '@identsphere/common';
import { counted, flowEvent } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import type { SsoRefusal } from './sso.errors';

/** The SSO flows' failure reports, through the one post-flow step (FlowOutcomes). */
@Injectable()
export class SsoOutcomes {
  constructor(private readonly outcomes: FlowOutcomes) {}

  failed(providerId: string, refusal: SsoRefusal, client: ClientContext): Promise<void> {
    const detail = { provider: providerId, error: refusal.failure, reason: refusal.reason };
    return this.outcomes.record([flowEvent('sso_login_failed', refusal.userId, null, detail), counted.ssoLogin(refusal.failure)], client);
  }

  /** A callback whose state is unknown, used, expired or from another browser: no provider is known for sure. */
  invalidState(client: ClientContext): Promise<void> {
    return this.outcomes.record([counted.ssoLogin('invalid_state')], client);
  }
}
