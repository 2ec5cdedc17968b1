import type { ClientContext } from '@identsphere/common';

/**
 * Who performs a support action: the admin user's id or the machine client's id (`actor_id` in the audit
 * log), and the HTTP client they called from (absent for the CLI, which has none).
 */
export interface AdminActor {
  readonly actorId: string;
  readonly client?: ClientContext;
}

/** The operator at the command line (cli.js admin create): no account, no HTTP client. */
export const CLI_ACTOR: AdminActor = { actorId: 'cli' };
