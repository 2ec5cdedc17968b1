import { ApiProperty } from '@nestjs/swagger';
import type { EventPage } from '../audit-reader';
import { SECURITY_EVENT_TYPES, SecurityEvent, SecurityEventType } from '../security-event';

export class SecurityEventResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SECURITY_EVENT_TYPES, enumName: 'SecurityEventType' }) type: SecurityEventType;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sessionId: string | null;
}

export class SecurityEventListResponse {
  @ApiProperty({ type: [SecurityEventResponse], description: 'Newest first' }) items: SecurityEventResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next (older) page; null on the last page' })
  nextCursor: string | null;
}

const toSecurityEventResponse = (event: SecurityEvent): SecurityEventResponse => ({
  id: event.id,
  type: event.type,
  createdAt: event.createdAt.toISOString(),
  ip: event.ip,
  userAgent: event.userAgent,
  sessionId: event.sessionId,
});

export const toSecurityEventListResponse = (page: EventPage): SecurityEventListResponse => ({
  items: page.items.map(toSecurityEventResponse),
  nextCursor: page.nextCursor,
});
