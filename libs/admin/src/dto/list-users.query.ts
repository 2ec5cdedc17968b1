import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageCursor, PageLimit } from '@identsphere/audit';
import { ROLE_PATTERN } from '../roles';
import { QueryFlag } from './query-values';

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

  @QueryFlag('Disabled now, or not', false)
  disabled?: boolean;

  @QueryFlag('Email verified, or not', true)
  verified?: boolean;

  @PageCursor('^[A-Za-z0-9_-]{1,96}$', 'dTE6MTc2NDQ1MDAwMDEyMzQ1Njo')
  cursor?: string;

  @PageLimit()
  limit?: number;
}
