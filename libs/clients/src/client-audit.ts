import { Injectable } from '@nestjs/common';
import { AuditLog } from '@identsphere/audit';
import { actorIdOf, Caller, ClientContext } from '@identsphere/common';

export type ClientAuditType = 'client_created' | 'client_secret_rotated' | 'client_disabled' | 'client_enabled' | 'client_deleted';

/** Who did something to a machine client, from where. */
export interface ClientActor {
  readonly caller: Caller;
  readonly context: ClientContext;
}

/**
 * Admin actions on machine clients are security events. The clients lib sits below the auth flows
 * (FlowOutcomes), so it writes the audit log directly, inside the caller's transaction. No user owns
 * these events: the actor (an admin user or another client) is recorded as the event's `actor_id`.
 */
@Injectable()
export class ClientAudit {
  constructor(private readonly audit: AuditLog) {}

  record(type: ClientAuditType, clientId: string, actor: ClientActor): Promise<void> {
    return this.audit.record({
      type,
      userId: null,
      ip: actor.context.ip,
      userAgent: actor.context.userAgent,
      actorId: actorIdOf(actor.caller),
      detail: { client_id: clientId },
    });
  }
}
