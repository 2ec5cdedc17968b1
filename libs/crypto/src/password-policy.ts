import { Injectable } from '@nestjs/common';
import { DomainError, FieldError } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { guessabilityEstimator, Guessability, judgeGuessability, MIN_GUESSABILITY_SCORE } from './password-guessability';
import { codePointLength, normalizePassword } from './password-normalization';

export const PASSWORD_MAX_LENGTH = 256;
const PRODUCT_WORD = 'identsphere';
const MIN_CONTEXT_WORD_LENGTH = 4;

/**
 * `guessable` replaced the exact-match blocklist rule (`common`): zxcvbn's common-password dictionary is the
 * same list, and it also catches the variants (suffixed digits, keyboard walks, repeats) that exact
 * matching let through.
 */
export type PasswordRule = 'too_short' | 'too_long' | 'contains_context' | 'guessable';

export interface PasswordContext {
  /** The account's normalised email; its local part may not appear in the password. */
  readonly email: string;
  /** The account's display name, if any: an attacker tries it first. */
  readonly displayName?: string | null;
}

export interface PasswordViolation {
  readonly rule: PasswordRule;
  /** Why, in words, for `detail` (for `guessable`: zxcvbn's warning and suggestions). */
  readonly feedback?: string;
}

/**
 * NIST SP 800-63B-4 style policy: length bounds in code points, context words, and a guessability estimate
 * (zxcvbn with common-password, English and keyboard dictionaries); no composition rules. Checks run on the
 * NFKC form, the same form that is hashed.
 */
@Injectable()
export class PasswordPolicy {
  private readonly minLength: number;

  constructor(config: AppConfig) {
    this.minLength = config.passwords.minLength;
    guessabilityEstimator();
  }

  /** Throws 400 weak_password naming the first rule the password breaks. */
  assertAcceptable(password: string, context: PasswordContext, field = 'password'): void {
    const violation = this.judge(password, context);
    if (violation) throw weakPassword(field, violation.rule, this.describe(violation.rule), violation.feedback);
  }

  violation(password: string, context: PasswordContext): PasswordRule | null {
    return this.judge(password, context)?.rule ?? null;
  }

  judge(password: string, context: PasswordContext): PasswordViolation | null {
    const normalized = normalizePassword(password);
    const length = codePointLength(normalized);
    if (length > PASSWORD_MAX_LENGTH) return { rule: 'too_long' };
    if (length < this.minLength) return { rule: 'too_short' };
    const lower = normalized.toLowerCase();
    if (contextWords(context).some((word) => lower.includes(word))) return { rule: 'contains_context' };
    const guessability = judgeGuessability(normalized, userInputs(context));
    if (guessability.score < MIN_GUESSABILITY_SCORE) return { rule: 'guessable', feedback: feedbackText(guessability) };
    return null;
  }

  private describe(rule: PasswordRule): string {
    switch (rule) {
      case 'too_short':
        return `must be at least ${this.minLength} characters`;
      case 'too_long':
        return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
      case 'contains_context':
        return 'must not contain your email name or the service name';
      case 'guessable':
        return 'is too easy to guess';
    }
  }
}

function contextWords(context: PasswordContext): string[] {
  const local = localPart(context.email);
  return local.length >= MIN_CONTEXT_WORD_LENGTH ? [local, PRODUCT_WORD] : [PRODUCT_WORD];
}

/** What an attacker who knows the account tries first: its email name, display name and our name, and their words. */
function userInputs(context: PasswordContext): string[] {
  const phrases = [localPart(context.email), (context.displayName ?? '').toLowerCase(), PRODUCT_WORD].filter(Boolean);
  const words = phrases.flatMap((phrase) => phrase.split(/[^\p{L}\p{N}]+/u)).filter((word) => word.length >= 3);
  return [...new Set([...phrases, ...words])];
}

const localPart = (email: string) => email.split('@')[0]?.toLowerCase() ?? '';

function feedbackText(guessability: Guessability): string {
  return [guessability.warning, ...guessability.suggestions].filter(Boolean).join(' ');
}

function weakPassword(field: string, rule: PasswordRule, message: string, feedback?: string): DomainError {
  const errors: FieldError[] = [{ field, message, rule }];
  const detail = feedback ? `The password ${message}. ${feedback}` : `The password ${message}.`;
  return new DomainError('weak_password', 'validation', detail, { errors });
}
