import { randomInt } from 'node:crypto';

/** RFC 4648 base32 in lower case: 5 bits a character, no characters that differ only by case. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
/** 10 characters × 5 bits = 50 bits a code. */
const CODE_LENGTH = 10;
export const RECOVERY_CODE_COUNT = 10;

/** A new code, shown as `xxxxx-xxxxx`. */
export function newRecoveryCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/**
 * The canonical form of what a user typed (case, spaces and dashes ignored, as people copy codes loosely),
 * or null when it cannot be a recovery code.
 */
export function normalizeRecoveryCode(input: string): string | null {
  const compact = input.toLowerCase().replace(/[\s-]/g, '');
  if (compact.length !== CODE_LENGTH) return null;
  return [...compact].every((c) => ALPHABET.includes(c)) ? compact : null;
}
