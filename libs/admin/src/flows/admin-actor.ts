import type { ClientContext } from '@identsphere/common';

/** Who performs an admin action: recorded as the event's actor, with the client it came from. */
export interface AdminActor {
  /** The admin user's id or the machine client's id. */
  readonly actorId: string;
  readonly client: ClientContext;
}
