import { Injectable } from '@nestjs/common';
import { adminEvent, FlowOutcomes } from '@identsphere/auth';
import { TransactionHost } from '@identsphere/database';
import { SessionsService } from '@identsphere/sessions';
import { User, UserErrors, UsersRepository } from '@identsphere/users';
import { AdminMetrics } from '../admin-metrics';
import { canonicalRoles } from '../roles';
import { AdminActor } from './admin-actor';
import { AdminSafeguards } from './admin-safeguards';

// Audit detail values are short strings: a long role list is cut, the full list is on the account.
const MAX_DETAIL = 200;
const listed = (roles: readonly string[]): string => {
  const text = roles.join(',');
  return text.length <= MAX_DETAIL ? text : `${text.slice(0, MAX_DETAIL - 1)}…`;
};

/** Roles, sessions and deletion of accounts, on an administrator's behalf; each commits with its audit event. */
@Injectable()
export class AccountAdminFlow {
  constructor(
    private readonly safeguards: AdminSafeguards,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly outcomes: FlowOutcomes,
    private readonly metrics: AdminMetrics,
    private readonly tx: TransactionHost,
  ) {}

  /**
   * Replaces the roles. Access tokens carry roles, so the change shows in the user's next access token
   * (at the next refresh); revoke the sessions to make it take effect at once.
   */
  setRoles(targetId: string, requested: readonly string[], by: AdminActor): Promise<User> {
    const roles = canonicalRoles(requested);
    return this.tx.run(async () => {
      const before = await this.safeguards.mayChangeRoles(by.actorId, targetId, roles);
      const user = await this.users.setRoles(targetId, roles);
      if (!user) throw UserErrors.notFound();
      const added = roles.filter((role) => !before.roles.includes(role));
      const removed = before.roles.filter((role) => !roles.includes(role));
      if (added.length + removed.length > 0) {
        await this.outcomes.record([adminEvent('roles_changed', targetId, by.actorId, { added: listed(added), removed: listed(removed) })], by.client);
        this.metrics.countAfterCommit('set_roles');
      }
      return user;
    });
  }

  /** Ends every session of the account: refresh tokens die, and access tokens fail the guard's liveness check. */
  revokeSessions(targetId: string, by: AdminActor): Promise<number> {
    return this.tx.run(async () => {
      await this.safeguards.existing(targetId);
      const revoked = await this.sessions.revokeAll(targetId, 'admin');
      await this.outcomes.record([adminEvent('sessions_revoked_by_admin', targetId, by.actorId, { sessions_revoked: String(revoked.length) })], by.client);
      this.metrics.countAfterCommit('revoke_sessions');
      return revoked.length;
    });
  }

  /**
   * Deletes the account; its sessions and factors go with it (ON DELETE CASCADE). account_deleted, with the
   * actor, outlives the user in the log (admins read it in GET /v1/admin/events).
   */
  delete(targetId: string, by: AdminActor): Promise<void> {
    return this.tx.run(async () => {
      await this.safeguards.mayRemoveAccess(by.actorId, targetId);
      if (!(await this.users.delete(targetId))) throw UserErrors.notFound();
      await this.outcomes.record([adminEvent('account_deleted', targetId, by.actorId)], by.client);
      this.metrics.countAfterCommit('delete');
    });
  }
}
