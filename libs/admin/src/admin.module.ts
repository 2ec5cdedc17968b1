import { Module } from '@nestjs/common';
import { AuthModule } from '@identsphere/auth';
import { FactorsModule } from '@identsphere/factors';
import { SessionsModule } from '@identsphere/sessions';
import { UsersModule } from '@identsphere/users';
import { AdminEventsController } from './admin-events.controller';
import { AdminMetrics } from './admin-metrics';
import { AdminUserAccessController } from './admin-user-access.controller';
import { AdminUsersController } from './admin-users.controller';
import { AccountAccessFlow } from './flows/account-access.flow';
import { AccountAdminFlow } from './flows/account-admin.flow';
import { AdminSafeguards } from './flows/admin-safeguards';
import { UserDetailsQuery } from './queries/user-details.query';

/**
 * The users admin API under /v1/admin: every route @AdminOnly() (the global guard admits admin users and
 * machine clients with the admin scope), every write also @RequiresStepUp() (a recent MFA for users).
 */
@Module({
  imports: [AuthModule, UsersModule, SessionsModule, FactorsModule],
  controllers: [AdminUsersController, AdminUserAccessController, AdminEventsController],
  providers: [AdminMetrics, AdminSafeguards, AccountAccessFlow, AccountAdminFlow, UserDetailsQuery],
  exports: [AccountAccessFlow, AccountAdminFlow],
})
export class AdminModule {}
