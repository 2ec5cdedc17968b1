import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { Session } from '../session';

@ApiSchema({ name: 'Session' })
export class SessionResponse {
  @ApiProperty({ format: 'uuid', example: '0b6f8f2e-5c1d-4e8a-9f3b-7a2c1d0e9f84' }) id: string;
  @ApiProperty({ description: 'True for the session of the access token making this request', example: true }) current: boolean;
  @ApiProperty({ format: 'date-time', example: '2026-01-15T09:30:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-01-16T08:00:00.000Z' }) lastUsedAt: string;
  @ApiProperty({ format: 'date-time', description: 'When the session ends if unused (idle or absolute, whichever is first)', example: '2026-01-30T08:00:00.000Z' })
  expiresAt: string;
  @ApiProperty({ type: String, nullable: true, example: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' }) userAgent: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'IPv4 or IPv6 address of the client', example: '203.0.113.7' }) ip: string | null;
}

@ApiSchema({ name: 'SessionList' })
export class SessionListResponse {
  @ApiProperty({ type: [SessionResponse] }) items: SessionResponse[];
}

export const toSessionResponse = (session: Session, currentId: string, expiresAt: Date): SessionResponse => ({
  id: session.id,
  current: session.id === currentId,
  createdAt: session.createdAt.toISOString(),
  lastUsedAt: session.lastUsedAt.toISOString(),
  expiresAt: expiresAt.toISOString(),
  userAgent: session.userAgent,
  ip: session.ip,
});
