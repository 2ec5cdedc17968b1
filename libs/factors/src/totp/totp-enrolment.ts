/** What a user needs to add the factor to an authenticator app; shown once, while enrolment is pending. */
export interface TotpEnrolment {
  /** Base32, for typing into an app by hand. */
  readonly secret: string;
  readonly otpauthUri: string;
  /** The otpauth URI as a QR code: an SVG data URI. */
  readonly qrCodeSvg: string;
}

/** Why a TOTP code was refused (for the audit log), or 'ok'. */
export type TotpCheck = 'ok' | 'wrong_code' | 'replayed_code' | 'not_enrolled';
