import { DomainError } from '@identsphere/common';

export const AdminErrors = {
  /** An administrator may not lock themselves out: disable, delete or take the admin role from their own account. */
  selfAction: () => new DomainError('admin_self_action', 'conflict', 'Administrators cannot disable, delete or demote their own account; ask another administrator.'),
  /** The service would be left without any enabled administrator. */
  lastAdmin: () => new DomainError('last_admin', 'conflict', 'This is the last enabled administrator; make another account admin first.'),
};
