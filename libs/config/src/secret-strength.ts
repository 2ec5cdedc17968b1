import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary } from '@zxcvbn-ts/language-en';

/** Every key derives from the root secret, and an HS256 token lets anyone test guesses offline. */
export const MIN_SECRET_BITS = 128;
/** Only a prefix is examined: pattern matching grows fast with length, and more text only adds entropy. */
const EXAMINED_CODE_POINTS = 64;

let estimator: ZxcvbnFactory | null = null;

/**
 * Only the dictionaries a human-made secret draws from (common passwords, common English words, keyboard
 * walks): the full English set costs several times more to build and adds nothing here.
 */
function patternFinder(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    graphs: adjacencyGraphs,
    dictionary: { passwords: commonDictionary['passwords-common'], words: englishDictionary['commonWords-en'] },
    l33tMaxSubstitutions: 4,
  });
  return estimator;
}

/**
 * A conservative estimate of the secret's entropy in bits. The text is split at punctuation and spaces;
 * zxcvbn splits each alphanumeric piece into the patterns an attacker enumerates first (words, repeats,
 * sequences, dates, keyboard walks), each credited with the log2 of its guess count, and what matches no
 * pattern is credited log2(size of the character classes the secret uses) per character. A separator earns
 * full credit only when it differs from the previous one ("a-b-c" is one choice, not three). Splitting first
 * keeps space-separated words from hiding inside zxcvbn's cheap brute-force segments.
 */
export function estimateSecretBits(secret: string): number {
  const examined = [...secret].slice(0, EXAMINED_CODE_POINTS).join('');
  const perCharacter = Math.log2(alphabetSize(examined));
  let bits = 0;
  let previousSeparator = '';
  for (const piece of examined.split(/([^A-Za-z0-9]+)/).filter(Boolean)) {
    if (/^[A-Za-z0-9]/.test(piece)) {
      bits += patternBits(piece, perCharacter);
      continue;
    }
    for (const separator of piece) {
      bits += separator === previousSeparator ? 1 : Math.log2(SEPARATOR_ALPHABET);
      previousSeparator = separator;
    }
  }
  return bits;
}

const SEPARATOR_ALPHABET = 33;

function patternBits(piece: string, perCharacter: number): number {
  let bits = 0;
  for (const match of patternFinder().check(piece).sequence) {
    bits += match.pattern === 'bruteforce' ? [...match.token].length * perCharacter : Math.log2(Math.max(1, match.guesses));
  }
  return bits;
}

function alphabetSize(text: string): number {
  let size = 0;
  if (/[a-z]/.test(text)) size += 26;
  if (/[A-Z]/.test(text)) size += 26;
  if (/[0-9]/.test(text)) size += 10;
  if (/[^A-Za-z0-9]/.test(text)) size += 33;
  return Math.max(size, 2);
}

/**
 * Whether the secret carries at least MIN_SECRET_BITS. The encoded text is judged, not its decoding: a
 * word-built string can be valid base64url and decode to 32 "random-looking" bytes. An encoding of printable text (base64 of a sentence)
 * looks random as typed, so such a secret is judged by what it decodes to as well.
 */
export function looksRandomEnough(secret: string): boolean {
  const decodedText = printableDecoding(secret);
  if (decodedText !== null && estimateSecretBits(decodedText) < MIN_SECRET_BITS) return false;
  return estimateSecretBits(secret) >= MIN_SECRET_BITS;
}

function printableDecoding(secret: string): string | null {
  const bytes = /^(?:[0-9a-f]{2})+$/i.test(secret)
    ? Buffer.from(secret, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(secret)
      ? Buffer.from(secret.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
      : null;
  if (!bytes || bytes.length === 0 || !bytes.every((b) => b >= 0x20 && b <= 0x7e)) return null;
  return bytes.toString('latin1');
}
