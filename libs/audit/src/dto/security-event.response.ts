import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { EventPage } from '../audit-reader';
import { SECURITY_EVENT_TYPES, SecurityEvent, SecurityEventType } from '../security-event';

@ApiSchema({ name: 'SecurityEvent' })
export class SecurityEventResponse {
  @ApiProperty({ format: 'uuid', example: '9c8b7a6f-5e4d-4c3b-8a2f-1e0d9c8b7a6f' }) id: string;
  @ApiProperty({ enum: SECURITY_EVENT_TYPES, enumName: 'SecurityEventType', example: 'login_succeeded' }) type: SecurityEventType;
  @ApiProperty({ format: 'date-time', example: '2026-01-16T08:00:00.000Z' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' }) ip: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' }) userAgent: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0b6f8f2e-5c1d-4e8a-9f3b-7a2c1d0e9f84' }) sessionId: string | null;
  @ApiProperty({
    type: String,
    enum: ['admin'],
    nullable: true,
    description: '`admin` when an administrator (a person or a service account) did it, without saying which one; null for your own actions',
    example: null,
  })
  actor: 'admin' | null;
}

@ApiSchema({ name: 'SecurityEventPage' })
export class SecurityEventListResponse {
  @ApiProperty({ type: [SecurityEventResponse], description: 'Newest first' }) items: SecurityEventResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next (older) page; null on the last page', example: null })
  nextCursor: string | null;
}

/**
 * The owner learns that an administrator acted, not who: the actor's id, address and browser stay with the
 * admins (GET /v1/admin/events shows them).
 */
function toSecurityEventResponse(event: SecurityEvent): SecurityEventResponse {
  const byAdmin = event.actorId !== null;
  return {
    id: event.id,
    type: event.type,
    createdAt: event.createdAt.toISOString(),
    ip: byAdmin ? null : event.ip,
    userAgent: byAdmin ? null : event.userAgent,
    sessionId: event.sessionId,
    actor: byAdmin ? 'admin' : null,
  };
}

export const toSecurityEventListResponse = (page: EventPage): SecurityEventListResponse => ({
  items: page.items.map(toSecurityEventResponse),
  nextCursor: page.nextCursor,
});
