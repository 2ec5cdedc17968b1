export * from './auth.module';
export * from './auth.errors';
export { TokenTransport } from './http/token-transport';
export { refreshCookieName } from './http/refresh-cookie-name';
export { bearerTokenOf } from './http/access-token.guard';
export { SessionIssuer, SignedIn } from './flows/session-issuer';
export { SecondFactorsRemoval } from './flows/second-factors-removal';
export { MAIL_IP_LIMIT, MAIL_RECIPIENT_LIMIT } from './flows/mail-throttle';
export { DisableAccountFlow, DisableRequest } from './flows/disable-account.flow';
// The flows themselves, for the medium test tier (test/medium) which drives them without HTTP.
export { SignupFlow, SignupInput, SignupResult } from './flows/signup.flow';
export { ChangePasswordFlow } from './flows/change-password.flow';
export { ResetPasswordFlow } from './flows/reset-password.flow';
export { ForgotPasswordFlow } from './flows/forgot-password.flow';
export { LogoutFlow } from './flows/logout.flow';
export { EnrolTotpFlow } from './flows/enrol-totp.flow';
export { DisableTotpFlow } from './flows/disable-totp.flow';
export { RegenerateRecoveryCodesFlow } from './flows/regenerate-recovery-codes.flow';
export { RecoveryCodeStrategy } from './strategies/recovery-code.strategy';
export { TotpStrategy } from './strategies/totp.strategy';
export { PasskeyEnrolmentFlow, RegisteredPasskey } from './flows/passkey-enrolment.flow';
export { PasskeyRemovalFlow } from './flows/passkey-removal.flow';
export { PasskeySignInFlow } from './flows/passkey-sign-in.flow';
export { PasskeyStrategy } from './strategies/passkey.strategy';
// The post-flow step and what flows report through it (the medium tier checks its transactional promise).
export { FlowOutcomes } from './events/flow-outcomes';
export { adminEvent, counted, flowEvent, mailOwner, mailTo, FlowOutcome } from './events/flow-outcome';
// Admin support actions (libs/admin) and the bootstrap admin (IDENTSPHERE_BOOTSTRAP_ADMIN_EMAIL, cli.js admin create).
export { EmailVerificationSender } from './flows/email-verification-sender';
export { BootstrapAdmin, AdminGrantVia } from './flows/bootstrap-admin';
// The back-channel logout endpoint takes a form body (the HTTP edge admits forms on these paths).
export { SSO_FORM_PATHS } from './sso/logout/sso-logout.controller';
// The HTTP edge counts the logins it refuses before routing (503 overloaded while the hash gate is full).
export { AuthMetrics } from './auth-metrics';
