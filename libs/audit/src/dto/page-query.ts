import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { DEFAULT_EVENTS_LIMIT, MAX_EVENTS_LIMIT } from '../audit-reader';

/** The `limit` of a keyset-paged listing: 1 to 100, default 20 (every listing of the API pages alike). */
export const PageLimit = () =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_EVENTS_LIMIT, default: DEFAULT_EVENTS_LIMIT, example: 20 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(MAX_EVENTS_LIMIT),
  );

/** The `cursor` of a keyset-paged listing: the previous page's nextCursor, opaque; `pattern` is what the listing issues. */
export const PageCursor = (pattern: string, example: string) =>
  applyDecorators(
    ApiPropertyOptional({ description: 'The nextCursor of the previous page; anything else is 400 validation_failed', pattern, example }),
    IsOptional(),
    IsString(),
  );
