import { Module } from '@nestjs/common';
import { AuthModule } from '@identsphere/auth';
import { FactorsModule } from '@identsphere/factors';
import { SessionsModule } from '@identsphere/sessions';
import { TokensModule } from '@identsphere/tokens';
import { UsersModule } from '@identsphere/users';
import { AdminSupportMetrics } from './admin-support-metrics';
import { AdminSupportController } from './admin-support.controller';
import { ClearLoginLockFlow } from './clear-login-lock.flow';
import { CreateAdminFlow } from './create-admin.flow';
import { PasswordResetLinkFlow } from './password-reset-link.flow';
import { ResendVerificationFlow } from './resend-verification.flow';
import { ResetLinkIssuer } from './reset-link-issuer';
import { ResetMfaFlow } from './reset-mfa.flow';
import { SupportActionRunner } from './support-action-runner';

/** Admin support actions on a user (reset MFA, clear a login lock, resend verification, a reset link) and `cli.js admin create`. */
@Module({
  imports: [AuthModule, UsersModule, SessionsModule, TokensModule, FactorsModule],
  controllers: [AdminSupportController],
  providers: [AdminSupportMetrics, SupportActionRunner, ResetLinkIssuer, ResetMfaFlow, ClearLoginLockFlow, ResendVerificationFlow, PasswordResetLinkFlow, CreateAdminFlow],
  exports: [CreateAdminFlow],
})
export class AdminSupportModule {}
