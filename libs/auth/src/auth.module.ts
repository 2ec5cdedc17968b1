import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ClientsModule } from '@identsphere/clients';
import { FactorsModule } from '@identsphere/factors';
import { SessionsModule } from '@identsphere/sessions';
import { TokensModule } from '@identsphere/tokens';
import { UsersModule } from '@identsphere/users';
import { AccountController } from './account.controller';
import { AuthMetrics } from './auth-metrics';
import { AuthController } from './auth.controller';
import { EmailRecoveryController } from './email-recovery.controller';
import { FlowOutcomes } from './events/flow-outcomes';
import { BootstrapAdmin } from './flows/bootstrap-admin';
import { ChangePasswordFlow } from './flows/change-password.flow';
import { ConfirmEmailChangeFlow } from './flows/confirm-email-change.flow';
import { ConfirmEmailVerificationFlow } from './flows/confirm-email-verification.flow';
import { DeleteAccountFlow } from './flows/delete-account.flow';
import { DisableAccountFlow } from './flows/disable-account.flow';
import { EmailVerificationSender } from './flows/email-verification-sender';
import { ForgotPasswordFlow } from './flows/forgot-password.flow';
import { LoginAttempts } from './flows/login-attempts';
import { LoginFlow } from './flows/login.flow';
import { DisableTotpFlow } from './flows/disable-totp.flow';
import { EnrolTotpFlow } from './flows/enrol-totp.flow';
import { EnrolledFactors } from './flows/enrolled-factors';
import { MfaStatusQuery } from './flows/mfa-status.query';
import { RegenerateRecoveryCodesFlow } from './flows/regenerate-recovery-codes.flow';
import { MfaChallenges } from './flows/mfa-challenges';
import { MfaVerifyFlow } from './flows/mfa-verify.flow';
import { PasskeyEnrolmentFlow } from './flows/passkey-enrolment.flow';
import { PasskeyOptionsFlow } from './flows/passkey-options.flow';
import { PasskeyRemovalFlow } from './flows/passkey-removal.flow';
import { PasskeySignInFlow } from './flows/passkey-sign-in.flow';
import { LogoutAllFlow } from './flows/logout-all.flow';
import { LogoutFlow } from './flows/logout.flow';
import { MailThrottle } from './flows/mail-throttle';
import { PasswordConfirmation } from './flows/password-confirmation';
import { ProofVerifier } from './flows/proof-verifier';
import { RefreshFlow } from './flows/refresh.flow';
import { RequestEmailChangeFlow } from './flows/request-email-change.flow';
import { RequestEmailVerificationFlow } from './flows/request-email-verification.flow';
import { ResetPasswordFlow } from './flows/reset-password.flow';
import { SecondFactorsRemoval } from './flows/second-factors-removal';
import { SessionIssuer } from './flows/session-issuer';
import { SignupFlow } from './flows/signup.flow';
import { StepUpFlow } from './flows/step-up.flow';
import { AccessTokenGuard } from './http/access-token.guard';
import { DeviceCookie } from './http/device-cookie';
import { LoginResponder } from './http/login-responder';
import { TokenTransport } from './http/token-transport';
import { UserView } from './http/user-view';
import { MfaController } from './mfa.controller';
import { PasskeyLoginController } from './passkey-login.controller';
import { PasskeysController } from './passkeys.controller';
import { MeQuery } from './persistence/me.query';
import { MfaChallengesRepository } from './persistence/mfa-challenges.repository';
import { PasskeyStrategy } from './strategies/passkey.strategy';
import { PasswordStrategy } from './strategies/password.strategy';
import { RecoveryCodeStrategy } from './strategies/recovery-code.strategy';
import { SignInStrategies } from './strategies/sign-in-strategies';
import { SIGN_IN_STRATEGIES, SignInStrategy } from './strategies/sign-in-strategy';
import { TotpStrategy } from './strategies/totp.strategy';
import { SsoController } from './sso/sso.controller';
import { SSO_PROVIDERS } from './sso/sso.providers';
import { SsoLogoutController } from './sso/logout/sso-logout.controller';
import { SSO_LOGOUT_PROVIDERS } from './sso/logout/sso-logout.providers';

/** Every sign-in method, in the order clients see them listed: a new method is one more class here (and in providers). */
const STRATEGY_CLASSES = [PasswordStrategy, TotpStrategy, RecoveryCodeStrategy, PasskeyStrategy];

@Module({
  // ClientsModule provides MachineClientStatus, which the global guard asks about machine clients.
  imports: [UsersModule, SessionsModule, TokensModule, FactorsModule, ClientsModule],
  controllers: [AuthController, AccountController, EmailRecoveryController, PasskeysController, PasskeyLoginController, MfaController, SsoController, SsoLogoutController],
  providers: [
    { provide: APP_GUARD, useClass: AccessTokenGuard },
    AuthMetrics,
    FlowOutcomes,
    TokenTransport,
    LoginResponder,
    SessionIssuer,
    PasswordConfirmation,
    ...STRATEGY_CLASSES,
    { provide: SIGN_IN_STRATEGIES, useFactory: (...strategies: SignInStrategy[]) => strategies, inject: STRATEGY_CLASSES },
    SignInStrategies,
    UserView,
    MeQuery,
    EnrolledFactors,
    SecondFactorsRemoval,
    MfaStatusQuery,
    EnrolTotpFlow,
    DisableTotpFlow,
    RegenerateRecoveryCodesFlow,
    ProofVerifier,
    MfaChallengesRepository,
    MfaChallenges,
    MfaVerifyFlow,
    StepUpFlow,
    PasskeyEnrolmentFlow,
    PasskeyOptionsFlow,
    PasskeyRemovalFlow,
    PasskeySignInFlow,
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
    BootstrapAdmin,
    ...SSO_PROVIDERS,
    ...SSO_LOGOUT_PROVIDERS,
  ],
  exports: [TokenTransport, SessionIssuer, SecondFactorsRemoval, PasswordConfirmation, DisableAccountFlow, FlowOutcomes, EmailVerificationSender, BootstrapAdmin, LogoutFlow],
})
export class AuthModule {}
