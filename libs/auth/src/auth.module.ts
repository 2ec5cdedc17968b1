import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { SessionsModule } from '@identsphere/sessions';
import { TokensModule } from '@identsphere/tokens';
import { UsersModule } from '@identsphere/users';
import { AccountController } from './account.controller';
import { AuthMetrics } from './auth-metrics';
import { AuthController } from './auth.controller';
import { EmailRecoveryController } from './email-recovery.controller';
import { ChangePasswordFlow } from './flows/change-password.flow';
import { ConfirmEmailChangeFlow } from './flows/confirm-email-change.flow';
import { ConfirmEmailVerificationFlow } from './flows/confirm-email-verification.flow';
import { DeleteAccountFlow } from './flows/delete-account.flow';
import { DisableAccountFlow } from './flows/disable-account.flow';
import { EmailVerificationSender } from './flows/email-verification-sender';
import { ForgotPasswordFlow } from './flows/forgot-password.flow';
import { LoginAttempts } from './flows/login-attempts';
import { LoginFlow } from './flows/login.flow';
import { LogoutAllFlow } from './flows/logout-all.flow';
import { LogoutFlow } from './flows/logout.flow';
import { MailThrottle } from './flows/mail-throttle';
import { PasswordConfirmation } from './flows/password-confirmation';
import { RefreshFlow } from './flows/refresh.flow';
import { RequestEmailChangeFlow } from './flows/request-email-change.flow';
import { RequestEmailVerificationFlow } from './flows/request-email-verification.flow';
import { ResetPasswordFlow } from './flows/reset-password.flow';
import { SessionIssuer } from './flows/session-issuer';
import { SignupFlow } from './flows/signup.flow';
import { AccessTokenGuard } from './http/access-token.guard';
import { DeviceCookie } from './http/device-cookie';
import { LoginResponder } from './http/login-responder';
import { TokenTransport } from './http/token-transport';

@Module({
  imports: [UsersModule, SessionsModule, TokensModule],
  controllers: [AuthController, AccountController, EmailRecoveryController],
  providers: [
    { provide: APP_GUARD, useClass: AccessTokenGuard },
    AuthMetrics,
    TokenTransport,
    LoginResponder,
    SessionIssuer,
    PasswordConfirmation,
    SignupFlow,
    LoginAttempts,
    LoginFlow,
    DeviceCookie,
    RefreshFlow,
    LogoutFlow,
    LogoutAllFlow,
    ChangePasswordFlow,
    DeleteAccountFlow,
    DisableAccountFlow,
    MailThrottle,
    EmailVerificationSender,
    RequestEmailVerificationFlow,
    ConfirmEmailVerificationFlow,
    ForgotPasswordFlow,
    ResetPasswordFlow,
    RequestEmailChangeFlow,
    ConfirmEmailChangeFlow,
  ],
  exports: [TokenTransport, SessionIssuer, PasswordConfirmation, DisableAccountFlow],
})
export class AuthModule {}
