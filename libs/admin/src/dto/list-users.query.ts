import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_EVENTS_LIMIT, MAX_EVENTS_LIMIT } from '@identsphere/audit';
import { ROLE_PATTERN } from '../roles';
import { QueryBoolean } from './query-values';

export class ListUsersQuery {
  @ApiPropertyOptional({ description: 'Accounts whose (lower-case) email starts with this', maxLength: 254, example: 'ada@' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'Accounts holding this role', pattern: ROLE_PATTERN.source, example: 'admin' })
  @IsOptional()
  @IsString()
  @Matches(ROLE_PATTERN)
  role?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Disabled now, or not', example: false })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'Email verified, or not', example: true })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  verified?: boolean;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page; anything else is 400 validation_failed', pattern: '^[A-Za-z0-9_-]{1,96}$', example: 'dTE6MTc2NDQ1MDAwMDEyMzQ1Njo' })
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
