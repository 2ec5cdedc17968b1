export * from './factors.module';
export { FactorErrors } from './factors.errors';
export { FactorsClock } from './factors-clock';
export { TotpService } from './totp/totp.service';
export { TotpCheck, TotpEnrolment } from './totp/totp-enrolment';
export { TOTP_PERIOD_SECONDS } from './totp/totp-codes';
export { RecoveryCodesService, RecoveryCodeUse } from './recovery-codes/recovery-codes.service';
export { RECOVERY_CODE_COUNT } from './recovery-codes/recovery-code-format';
export * from './passkeys';
