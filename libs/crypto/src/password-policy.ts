import { Injectable } from '@nestjs/common';
import { dictionary } from '@zxcvbn-ts/language-common';
import { DomainError, FieldError } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { codePointLength, normalizePassword } from './password-normalization';

export const PASSWORD_MAX_LENGTH = 256;
const PRODUCT_WORD = 'identsphere';
const MIN_CONTEXT_WORD_LENGTH = 4;

export type PasswordRule = 'too_short' | 'too_long' | 'common' | 'contains_context';

// ~49k of the most common passwords (the zxcvbn-ts common list), lower-cased once at load.
const COMMON_PASSWORDS: ReadonlySet<string> = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

export interface PasswordContext {
  /** The account's normalised email; its local part may not appear in the password. */
  readonly email: string;
}

/**
 * NIST SP 800-63B-4 style policy: length bounds in code points, a blocklist, context words; no
 * composition rules. Checks run on the NFKC form, the same form that is hashed.
 */
@Injectable()
export class PasswordPolicy {
  private readonly minLength: number;

  constructor(config: AppConfig) {
    this.minLength = config.passwords.minLength;
  }

  /** Throws 400 weak_password naming the first rule the password breaks. */
  assertAcceptable(password: string, context: PasswordContext, field = 'password'): void {
    const rule = this.violation(password, context);
    if (rule) throw weakPassword(field, rule, this.describe(rule));
  }

  violation(password: string, context: PasswordContext): PasswordRule | null {
    const normalized = normalizePassword(password);
    const length = codePointLength(normalized);
    if (length > PASSWORD_MAX_LENGTH) return 'too_long';
    if (length < this.minLength) return 'too_short';
    const lower = normalized.toLowerCase();
    if (isCommon(lower)) return 'common';
    if (contextWords(context).some((word) => lower.includes(word))) return 'contains_context';
    return null;
  }

  private describe(rule: PasswordRule): string {
    switch (rule) {
      case 'too_short':
        return `must be at least ${this.minLength} characters`;
      case 'too_long':
        return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
      case 'common':
        return 'is too common; choose a less guessable password';
      case 'contains_context':
        return 'must not contain your email name or the service name';
    }
  }
}

/** A listed password, or one built by repeating a short or listed unit ("passwordpassword", "abcabcabc..."). */
function isCommon(lower: string): boolean {
  if (COMMON_PASSWORDS.has(lower)) return true;
  const points = [...lower];
  for (let size = 1; size <= points.length / 2; size++) {
    if (points.length % size !== 0) continue;
    const unit = points.slice(0, size).join('');
    if (unit.repeat(points.length / size) === lower) return size < 4 || COMMON_PASSWORDS.has(unit);
  }
  return false;
}

function contextWords(context: PasswordContext): string[] {
  const local = context.email.split('@')[0]?.toLowerCase() ?? '';
  return local.length >= MIN_CONTEXT_WORD_LENGTH ? [local, PRODUCT_WORD] : [PRODUCT_WORD];
}

function weakPassword(field: string, rule: PasswordRule, message: string): DomainError {
  const errors: FieldError[] = [{ field, message, rule }];
  return new DomainError('weak_password', 'validation', `The password ${message}.`, { errors });
}
