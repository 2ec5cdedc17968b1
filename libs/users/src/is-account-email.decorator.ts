import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { isEmail, IsString, MaxLength, ValidateBy } from 'class-validator';
import { isPlainMailbox, normalizeEmail } from './email';

/** The rule name clients see in `errors[].rule`. */
export const INVALID_EMAIL_RULE = 'invalid_email';

// The plain-mailbox check first: validator's isEmail throws (URIError) on a lone surrogate.
const isAccountEmailValue = (value: unknown): boolean =>
  typeof value === 'string' && isPlainMailbox(value) && isEmail(value, { allow_utf8_local_part: true, require_tld: true });

/** An email field: normalised (trim, NFKC, lower-case) before it is validated and used. */
export const IsAccountEmail = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? normalizeEmail(value) : value)),
    IsString(),
    MaxLength(254),
    ValidateBy({ name: INVALID_EMAIL_RULE, validator: { validate: isAccountEmailValue, defaultMessage: () => 'must be a plain email address' } }),
  );
