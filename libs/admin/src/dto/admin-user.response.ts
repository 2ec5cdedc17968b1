import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { UserPage, User } from '@identsphere/users';
import type { UserDetails } from '../queries/user-details.query';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

@ApiSchema({ name: 'AdminUser', description: 'An account as administrators see it' })
export class AdminUserResponse {
  @ApiProperty({ format: 'uuid', example: '6a1f4b8e-2d3c-4e5f-8a9b-0c1d2e3f4a5b' }) id: string;
  @ApiProperty({ format: 'email', maxLength: 254, example: 'ada@example.com' }) email: string;
  @ApiProperty({ example: true }) emailVerified: boolean;
  @ApiProperty({ type: String, nullable: true, maxLength: 100, example: 'Ada Lovelace' }) displayName: string | null;
  @ApiProperty({ type: [String], description: 'Carried by the access token; a change shows at the next refresh', example: ['admin'] }) roles: string[];
  @ApiProperty({ description: 'Disabled now (a temporary disable that has run out counts as enabled)', example: false }) disabled: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) disabledAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When a temporary disable ends; null: until enabled', example: null })
  disabledUntil: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-01-15T09:30:00.000Z' }) createdAt: string;
}

@ApiSchema({ name: 'AdminUserPage' })
export class AdminUserListResponse {
  @ApiProperty({ type: [AdminUserResponse], description: 'Newest account first' }) items: AdminUserResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page', example: null })
  nextCursor: string | null;
}

@ApiSchema({ name: 'AdminSession', description: 'A live session of the account' })
export class AdminSessionResponse {
  @ApiProperty({ format: 'uuid', example: '0b6f8f2e-5c1d-4e8a-9f3b-7a2c1d0e9f84' }) id: string;
  @ApiProperty({ format: 'date-time', example: '2026-01-15T09:30:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-01-16T08:00:00.000Z' }) lastUsedAt: string;
  @ApiProperty({ format: 'date-time', description: 'The earlier of idle and absolute expiry', example: '2026-01-30T08:00:00.000Z' }) expiresAt: string;
  @ApiProperty({ type: String, nullable: true, example: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' }) userAgent: string | null;
  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' }) ip: string | null;
  @ApiProperty({ type: String, enum: ['pwd', 'mfa', 'enrol'], description: 'What the last authentication proved', example: 'mfa' }) acr: string;
}

@ApiSchema({ name: 'AdminPasskey', description: 'A passkey, without its credential id or public key' })
export class AdminPasskeyResponse {
  @ApiProperty({ format: 'uuid', example: '9c8b7a6f-5e4d-4c3b-8a2f-1e0d9c8b7a6f' }) id: string;
  @ApiProperty({ example: 'Laptop' }) name: string;
  @ApiProperty({ format: 'date-time', example: '2026-01-15T09:30:00.000Z' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) lastUsedAt: string | null;
}

@ApiSchema({ name: 'AdminFactors', description: 'The second factors set up; never a secret' })
export class AdminFactorsResponse {
  @ApiProperty({ description: 'An authenticator app is set up', example: true }) totp: boolean;
  @ApiProperty({ type: [AdminPasskeyResponse] }) passkeys: AdminPasskeyResponse[];
  @ApiProperty({ type: 'integer', minimum: 0, example: 10 }) recoveryCodesRemaining: number;
}

@ApiSchema({ name: 'AdminUserDetails', description: 'An account with its live sessions and its factors' })
export class AdminUserDetailsResponse extends AdminUserResponse {
  @ApiProperty({ type: [AdminSessionResponse] }) sessions: AdminSessionResponse[];
  @ApiProperty({ type: AdminFactorsResponse }) factors: AdminFactorsResponse;
}

@ApiSchema({ name: 'AdminSessionsRevoked' })
export class SessionsRevokedResponse {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'How many live sessions were revoked', example: 2 }) revoked: number;
}

export const toAdminUserResponse = (user: User): AdminUserResponse => ({
  id: user.id,
  email: user.email,
  emailVerified: user.emailVerified,
  displayName: user.displayName,
  roles: [...user.roles],
  disabled: user.disabledAt !== null,
  disabledAt: iso(user.disabledAt),
  disabledUntil: iso(user.disabledUntil),
  createdAt: user.createdAt.toISOString(),
});

export const toAdminUserListResponse = (page: UserPage): AdminUserListResponse => ({ items: page.items.map(toAdminUserResponse), nextCursor: page.nextCursor });

export const toAdminUserDetailsResponse = ({ user, sessions, factors }: UserDetails): AdminUserDetailsResponse => ({
  ...toAdminUserResponse(user),
  sessions: sessions.map(({ session, expiresAt }) => ({
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    expiresAt: expiresAt.toISOString(),
    userAgent: session.userAgent,
    ip: session.ip,
    acr: session.acr,
  })),
  factors: {
    totp: factors.totp,
    passkeys: factors.passkeys.map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt.toISOString(), lastUsedAt: iso(p.lastUsedAt) })),
    recoveryCodesRemaining: factors.recoveryCodesRemaining,
  },
});
