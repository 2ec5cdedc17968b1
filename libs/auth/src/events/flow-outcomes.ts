import { Injectable } from '@nestjs/common';
import { AuditLog } from '@identsphere/audit';
import type { ClientContext } from '@identsphere/common';
import type { FlowEvent } from './flow-event';

/**
 * The one post-flow step (Kratos's PostHookExecutor): turns what a flow says happened into audit rows,
 * adding the client's ip and user agent. AuditLog writes through the ambient transaction, so called
 * inside a flow's `tx.run()` the rows commit or roll back with the change they describe.
 * Metrics and mails stay in the flows for now: they do not map one-to-one from these events.
 */
@Injectable()
export class FlowOutcomes {
  constructor(private readonly audit: AuditLog) {}

  /** `client` is absent for an operator's action with no HTTP client (e.g. disabling an account from a job). */
  async record(events: readonly FlowEvent[], client: ClientContext | undefined): Promise<void> {
    for (const event of events) {
      await this.audit.record({ ...event, ip: client?.ip ?? null, userAgent: client?.userAgent ?? null });
    }
  }
}
