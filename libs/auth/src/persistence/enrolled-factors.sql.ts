import type { SignInMethod } from '../strategies/sign-in-strategy';

/**
 * Each second factor's "is enrolled" (the strategies' isEnrolled) as a SQL predicate on a user id, so a
 * statement that already reads the account (login's admission, refresh's rotation) learns the factors in
 * the same round trip. Typed over every method but the password: a new method does not compile without one.
 */
const ENROLLED: Record<Exclude<SignInMethod, 'password'>, (userId: string) => string> = {
  totp: (u) => `EXISTS (SELECT 1 FROM totp_factors f WHERE f.user_id = ${u} AND f.confirmed_at IS NOT NULL)`,
  recovery_code: (u) => `EXISTS (SELECT 1 FROM recovery_codes r WHERE r.user_id = ${u})`,
  webauthn: (u) => `EXISTS (SELECT 1 FROM passkey_credentials k WHERE k.user_id = ${u})`,
};

/** A text[] of the enrolled second factors of `userIdSql` (order is SignInStrategies' business). */
export function enrolledFactorsSql(userIdSql: string): string {
  const cases = Object.entries(ENROLLED).map(([method, enrolled]) => `CASE WHEN ${enrolled(userIdSql)} THEN '${method}' END`);
  return `array_remove(ARRAY[${cases.join(', ')}]::text[], NULL)`;
}
