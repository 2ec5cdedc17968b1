import { Injectable } from '@nestjs/common';
import { ADMIN_ROLE } from '@identsphere/common';
import { User, UserDirectory, UserErrors, UsersRepository } from '@identsphere/users';
import { AdminErrors } from '../admin.errors';

/**
 * The two rules that keep the admin API from locking everybody out: an administrator never disables,
 * deletes or demotes their own account (409 admin_self_action), and the last enabled administrator is
 * never removed (409 last_admin) — a machine client with the admin scope could otherwise remove them all.
 * Call inside the action's transaction: the check locks the admins' rows until it commits.
 */
@Injectable()
export class AdminSafeguards {
  constructor(
    private readonly users: UsersRepository,
    private readonly directory: UserDirectory,
  ) {}

  /** The target, when `actorId` may take away its access (disable, delete); 404 for an unknown id. */
  async mayRemoveAccess(actorId: string, targetId: string): Promise<User> {
    const target = await this.existing(targetId);
    if (target.id === actorId) throw AdminErrors.selfAction();
    await this.keepAnotherAdmin(target);
    return target;
  }

  /** The target, when `actorId` may give it `roles`; taking the admin role away counts as removing access. */
  async mayChangeRoles(actorId: string, targetId: string, roles: readonly string[]): Promise<User> {
    const target = await this.existing(targetId);
    if (roles.includes(ADMIN_ROLE) || !target.roles.includes(ADMIN_ROLE)) return target;
    if (target.id === actorId) throw AdminErrors.selfAction();
    await this.keepAnotherAdmin(target);
    return target;
  }

  async existing(targetId: string): Promise<User> {
    const target = await this.users.findById(targetId);
    if (!target) throw UserErrors.notFound();
    return target;
  }

  private async keepAnotherAdmin(target: User): Promise<void> {
    const admins = await this.directory.lockEnabledHolders(ADMIN_ROLE);
    if (admins.includes(target.id) && admins.length === 1) throw AdminErrors.lastAdmin();
  }
}
