/**
 * The `acr` values of access tokens (documented in docs/api.md, Access tokens):
 * - 'mfa': two kinds of factor were proved (RFC 8176: something known, such as `pwd` or `pin`, or inherent,
 *   such as `fpt` or `face`, and something held: `otp`, `hwk`, `swk`), or a method that is multi-factor
 *   itself (`mfa`);
 * - 'pwd': one factor only;
 * - 'enrol': one factor, on an account that must enrol a second one first (IDENTSPHERE_MFA_REQUIRED=all).
 */
export type AuthAssurance = 'mfa' | 'pwd' | 'enrol';

const KNOWN_OR_INHERENT = new Set(['pwd', 'pin', 'fpt', 'face', 'iris', 'retina', 'vbm']);
const HELD = new Set(['otp', 'hwk', 'swk', 'sc']);

export function assuranceOf(amr: readonly string[]): 'mfa' | 'pwd' {
  if (amr.includes('mfa')) return 'mfa';
  return amr.some((m) => KNOWN_OR_INHERENT.has(m)) && amr.some((m) => HELD.has(m)) ? 'mfa' : 'pwd';
}

/** amr of a completed sign-in: what the first step proved, then what the second added, without repeats. */
export const combinedAmr = (...parts: readonly (readonly string[])[]): string[] => [...new Set(parts.flat())];
