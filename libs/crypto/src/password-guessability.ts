import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';

/** zxcvbn scores 0-4; 3 means "safely unguessable" (about 10^8 guesses or more). */
export const MIN_GUESSABILITY_SCORE = 3;

/**
 * zxcvbn's matching grows much faster than linearly with length (measured on a loaded 2-core machine: a
 * median of ~10 ms for 24 code points, ~17-27 ms for 32, 0.2-4 s for 256, against ~20 ms for an Argon2id
 * hash), and it runs on the event loop before Argon2 on signup, change and reset, so only a prefix is judged.
 * 24 code points is well past the minimum length; a password whose first 24 are unguessable stays so
 * whatever follows, and one whose prefix is guessable is refused (at worst a strong tail is wasted).
 */
export const GUESSABILITY_PREFIX_CODE_POINTS = 24;

/**
 * Each extra l33t substitution multiplies the variants zxcvbn tries: at its default (100) a 16-character
 * string of l33t symbols took ~350 ms. Four still catches "p@ssw0rd"-style spellings.
 */
const L33T_MAX_SUBSTITUTIONS = 4;

export interface Guessability {
  readonly score: number;
  /** zxcvbn's feedback, in English: a warning (may be empty) and suggestions. */
  readonly warning: string;
  readonly suggestions: readonly string[];
}

let shared: ZxcvbnFactory | null = null;

/**
 * Building the ranked dictionaries and keyboard graphs takes ~0.4-1 s, so it is done once per process
 * (at the first PasswordPolicy, i.e. at boot, not on the first signup) and shared.
 */
export function guessabilityEstimator(): ZxcvbnFactory {
  shared ??= new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...englishDictionary },
    l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
  });
  return shared;
}

/** How guessable `password` (already NFKC-normalised) is, given words an attacker would try first. */
export function judgeGuessability(password: string, userInputs: readonly string[]): Guessability {
  const prefix = [...password].slice(0, GUESSABILITY_PREFIX_CODE_POINTS).join('');
  const result = guessabilityEstimator().check(prefix, [...userInputs]);
  return { score: result.score, warning: result.feedback.warning ?? '', suggestions: result.feedback.suggestions ?? [] };
}
