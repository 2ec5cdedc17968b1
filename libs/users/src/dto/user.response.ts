import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { User } from '../user';

@ApiSchema({ name: 'User', description: 'The signed-in user' })
export class UserResponse {
  @ApiProperty({ format: 'uuid', example: '6a1f4b8e-2d3c-4e5f-8a9b-0c1d2e3f4a5b' }) id: string;
  @ApiProperty({ format: 'email', maxLength: 254, description: 'Normalised (trimmed, NFKC, lower-case)', example: 'ada@example.com' }) email: string;
  @ApiProperty({ example: false }) emailVerified: boolean;
  @ApiProperty({ type: String, nullable: true, maxLength: 100, example: 'Ada Lovelace' }) displayName: string | null;
  @ApiProperty({ type: [String], example: [] }) roles: string[];
  @ApiProperty({ example: false }) mfaEnabled: boolean;
  @ApiProperty({ format: 'date-time', example: '2026-01-15T09:30:00.000Z' }) createdAt: string;
}

export const toUserResponse = (user: User): UserResponse => ({
  id: user.id,
  email: user.email,
  emailVerified: user.emailVerified,
  displayName: user.displayName,
  roles: [...user.roles],
  mfaEnabled: user.mfaEnabled,
  createdAt: user.createdAt.toISOString(),
});
