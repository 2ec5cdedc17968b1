import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { normalizeEmail } from './email';

/** An email field: normalised (trim, NFKC, lower-case) before it is validated and used. */
export const IsAccountEmail = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? normalizeEmail(value) : value)),
    IsString(),
    MaxLength(254),
    IsEmail({ allow_utf8_local_part: true, require_tld: true }),
  );
