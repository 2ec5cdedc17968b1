import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsRoleList, MAX_ROLES, ROLE_PATTERN } from '../roles';

@ApiSchema({ name: 'DisableUserRequest' })
export class DisableUserRequest {
  @ApiProperty({ description: 'A short note for the audit log (never a secret)', minLength: 1, maxLength: 200, example: 'offboarding' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'A temporary disable ends then (must be in the future); absent: until enabled', example: '2026-02-01T00:00:00.000Z' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  until?: string;
}

@ApiSchema({ name: 'SetRolesRequest' })
export class SetRolesRequest {
  @ApiProperty({
    type: [String],
    items: { type: 'string', pattern: ROLE_PATTERN.source },
    maxItems: MAX_ROLES,
    description: 'The complete new list (duplicates are dropped); `admin` opens the admin API',
    example: ['admin', 'support'],
  })
  @IsRoleList()
  roles: string[];
}
