import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ADMIN_ROLE, ClientContext } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { DatabaseConnector, TransactionHost } from '@identsphere/database';
import { User, UsersRepository } from '@identsphere/users';
import { flowEvent } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';

/** Why the role was granted, as the `roles_changed` event's `via` detail says. */
export type AdminGrantVia = 'bootstrap' | 'cli';

/**
 * IDENTSPHERE_BOOTSTRAP_ADMIN_EMAIL: the account with that address gets the admin role once the address is
 * verified, never before (whoever signs up first with an address proves nothing until its mail is answered).
 * Flows that verify an address call `onVerified` in their transaction; at boot an account verified before the
 * variable was set gets it too. Granting is one conditional UPDATE, so it is idempotent and instances racing
 * at boot record one `roles_changed` event between them.
 */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('BootstrapAdmin');
  private readonly email: string | null;

  constructor(
    private readonly users: UsersRepository,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
    private readonly connector: DatabaseConnector,
    config: AppConfig,
  ) {
    this.email = config.bootstrap.adminEmail;
  }

  /** The user as it now stands: with the admin role when this address is the bootstrap admin's. */
  async onVerified(user: User, client?: ClientContext): Promise<User> {
    if (this.email === null || !user.emailVerified || user.email !== this.email) return user;
    return (await this.grant(user.id, 'bootstrap', client)) ?? user;
  }

  /**
   * Grants the admin role (idempotent); the updated user when this call granted it, null when it was already held.
   * `actorId`: who granted it (e.g. `cli`), recorded as the event's actor.
   */
  grant(userId: string, via: AdminGrantVia, client?: ClientContext, actorId?: string): Promise<User | null> {
    return this.tx.run(async () => {
      const granted = await this.users.grantRole(userId, ADMIN_ROLE);
      if (!granted) return null;
      const event = flowEvent('roles_changed', userId, null, { added: ADMIN_ROLE, via });
      await this.outcomes.record([actorId ? { ...event, actorId } : event], client);
      this.tx.afterCommit(() => this.logger.log(`admin role granted user=${userId} via=${via}`));
      return granted;
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // A database that is down at boot is retried by the connector; the grant then waits for the next verification.
    if (this.email === null || !this.connector.isReady) return;
    const user = await this.users.findByEmail(this.email);
    if (user) await this.onVerified(user);
  }
}
