import type { ValidationError } from '@nestjs/common';
import { FieldError, FieldRule, isFieldRule } from '@identsphere/common';

// Validator-library constraint names are an implementation detail: clients see only our FIELD_RULES.
const RULE_BY_CONSTRAINT: Readonly<Record<string, FieldRule>> = {
  whitelistValidation: 'unknown_property',
  isDefined: 'required',
  isNotEmpty: 'required',
  isString: 'invalid_type',
  isInt: 'invalid_type',
  isNumber: 'invalid_type',
  isBoolean: 'invalid_type',
  isObject: 'invalid_type',
  isArray: 'invalid_type',
  isEmail: 'invalid_email',
  isUuid: 'invalid_uuid',
  maxLength: 'too_long',
  minLength: 'too_short',
  isLength: 'too_long',
  arrayMaxSize: 'too_long',
  arrayMinSize: 'too_short',
  min: 'out_of_range',
  max: 'out_of_range',
  isPositive: 'out_of_range',
  isNegative: 'out_of_range',
};

const REQUIRED: FieldError = { field: '', message: 'is required', rule: 'required' };
const UNKNOWN_PROPERTY_MESSAGE = 'unknown property';

/** Our rule for a constraint name: names that already are ours pass through, anything else is a format error. */
export function fieldRuleOf(constraint: string): FieldRule {
  if (isFieldRule(constraint)) return constraint;
  return RULE_BY_CONSTRAINT[constraint] ?? 'invalid_format';
}

/**
 * One entry per field and broken rule. A missing field breaks its type check too; that is reported once,
 * as `required`. Values are read only to tell "missing" apart and never copied into the answer.
 */
export function toFieldErrors(errors: readonly ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const missing = (e.value === undefined || e.value === null) && !('whitelistValidation' in (e.constraints ?? {}));
    const own: FieldError[] =
      missing && e.constraints
        ? [{ ...REQUIRED, field }]
        : Object.entries(e.constraints ?? {}).map(([constraint, message]) => {
            const rule = fieldRuleOf(constraint);
            return { field, message: rule === 'unknown_property' ? UNKNOWN_PROPERTY_MESSAGE : message, rule };
          });
    return [...own, ...toFieldErrors(e.children ?? [], field)];
  });
}
