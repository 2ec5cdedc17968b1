import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

/** An optional `true`/`false` query filter; anything else stays a string and fails @IsBoolean() (400). */
export const QueryFlag = (description: string, example: boolean) =>
  applyDecorators(
    ApiPropertyOptional({ type: Boolean, description, example }),
    IsOptional(),
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean(),
  );
