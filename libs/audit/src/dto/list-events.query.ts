import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { DEFAULT_EVENTS_LIMIT, MAX_EVENTS_LIMIT } from '../audit-reader';

export class ListEventsQuery {
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page; anything else is 400 validation_failed', pattern: '^[A-Za-z0-9_-]{1,64}$', example: 'ZTE6MTIzNA' })
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_EVENTS_LIMIT, default: DEFAULT_EVENTS_LIMIT, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_EVENTS_LIMIT)
  limit?: number;
}
