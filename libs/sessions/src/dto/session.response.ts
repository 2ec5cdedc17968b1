import { ApiProperty } from '@nestjs/swagger';
import type { Session } from '../session';

export class SessionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'True for the session of the access token making this request' }) current: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) lastUsedAt: string;
  @ApiProperty({ format: 'date-time', description: 'When the session ends if unused (idle or absolute, whichever is first)' }) expiresAt: string;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
}

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
