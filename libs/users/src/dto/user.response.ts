import { ApiProperty } from '@nestjs/swagger';
import type { User } from '../user';

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() emailVerified: boolean;
  @ApiProperty({ type: String, nullable: true }) displayName: string | null;
  @ApiProperty({ type: [String] }) roles: string[];
  @ApiProperty() mfaEnabled: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
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
