import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { User } from '../user';

@ApiSchema({ name: 'User', description: 'The signed-in user' })
export class UserResponse {
  @ApiProperty({ format: 'uuid', example: '6a1f4b8e-2d3c-4e5f-8a9b-0c1d2e3f4a5b' }) id: string;
  @ApiProperty({ format: 'email', maxLength: 254, description: 'Normalised (trimmed, NFKC, lower-case)', example: 'ada@example.com' }) email: string;
  @ApiProperty({ example: false }) emailVerified: boolean;
  @ApiProperty({ type: String, nullable: true, maxLength: 100, example: 'Ada Lovelace' }) displayName: string | null;
  @ApiProperty({ type: [String], example: [] }) roles: string[];
  @ApiProperty({ description: 'Whether the account has a second factor (then a password alone never signs in)', example: true }) mfaEnabled: boolean;
  @ApiProperty({
    type: [String],
    items: { type: 'string', enum: ['totp', 'recovery_code', 'webauthn'] },
    description: 'The second factors set up, in the order sign-in lists them',
    example: ['totp', 'recovery_code'],
  })
  mfaMethods: string[];
  @ApiProperty({ format: 'date-time', example: '2026-01-15T09:30:00.000Z' }) createdAt: string;
}

/** `mfaMethods`: the account's second factors, which only the auth layer (the strategy registry) knows. */
export const toUserResponse = (user: User, mfaMethods: readonly string[] = []): UserResponse => ({
  id: user.id,
  email: user.email,
  emailVerified: user.emailVerified,
  displayName: user.displayName,
  roles: [...user.roles],
  mfaEnabled: mfaMethods.length > 0,
  mfaMethods: [...mfaMethods],
  createdAt: user.createdAt.toISOString(),
});
