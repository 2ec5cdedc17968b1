import { generateSecret, generateURI, verifySync } from 'otplib';

/** RFC 6238 as authenticator apps implement it: HMAC-SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
const DIGITS = 6;
const CODE_PATTERN = /^\d{6}$/;
/** Codes of the previous and the next step are accepted too, for clocks a little off and slow typing. */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;

/** A new base32 secret of 160 bits, the HMAC-SHA-1 key length RFC 4226 recommends. */
export const newTotpSecret = (): string => generateSecret({ length: 20 });

export function totpUri(secret: string, issuer: string, accountName: string): string {
  return generateURI({ issuer, label: accountName, secret, algorithm: 'sha1', digits: DIGITS, period: TOTP_PERIOD_SECONDS });
}

/** The time step the code belongs to, within ±1 step of `nowSeconds`; null for a wrong or malformed code. */
export function matchTotpStep(secret: string, code: string, nowSeconds: number): number | null {
  if (!CODE_PATTERN.test(code)) return null;
  const result = verifySync({
    secret,
    token: code,
    epoch: nowSeconds,
    epochTolerance: TOLERANCE_SECONDS,
    algorithm: 'sha1',
    digits: DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
