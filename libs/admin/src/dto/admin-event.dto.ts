import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { AdminEventPage, AdminSecurityEvent, AUDIT_EVENT_TYPES, AuditEventType, ListEventsQuery } from '@identsphere/audit';

/** The filters of GET /v1/admin/events; cursor and limit as in GET /v1/me/events. */
export class ListAdminEventsQuery extends ListEventsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "One account's events", example: '6a1f4b8e-2d3c-4e5f-8a9b-0c1d2e3f4a5b' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ description: 'Events of one administrator: a user id or a machine client id', maxLength: 128, example: '6a1f4b8e-2d3c-4e5f-8a9b-0c1d2e3f4a5b' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  actorId?: string;

  @ApiPropertyOptional({ enum: AUDIT_EVENT_TYPES, enumName: 'AuditEventType', example: 'account_disabled' })
  @IsOptional()
  @IsIn(AUDIT_EVENT_TYPES)
  type?: AuditEventType;

  @ApiPropertyOptional({ format: 'date-time', description: 'Events at or after this moment', example: '2026-01-01T00:00:00.000Z' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  since?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Events before this moment', example: '2026-02-01T00:00:00.000Z' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  until?: string;
}

@ApiSchema({ name: 'AdminSecurityEvent', description: "Any account's security event, with who acted" })
export class AdminEventResponse {
  @ApiProperty({ format: 'uuid', example: '9c8b7a6f-5e4d-4c3b-8a2f-1e0d9c8b7a6f' }) id: string;
  @ApiProperty({ enum: AUDIT_EVENT_TYPES, enumName: 'AuditEventType', example: 'account_disabled' }) type: AuditEventType;
  @ApiProperty({ format: 'date-time', example: '2026-01-16T08:00:00.000Z' }) createdAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The account; null when none was known (a failed login for an unknown email)', example: '6a1f4b8e-2d3c-4e5f-8a9b-0c1d2e3f4a5b' })
  userId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The administrator (user id or machine client id) who acted; null for the owner', example: '0d1e2f3a-4b5c-4d6e-8f9a-0b1c2d3e4f5a' })
  actorId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) sessionId: string | null;
  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' }) ip: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' }) userAgent: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Small non-secret context, e.g. a reason', example: { reason: 'offboarding', sessions_revoked: '2' } })
  detail: Record<string, string>;
}

@ApiSchema({ name: 'AdminSecurityEventPage' })
export class AdminEventListResponse {
  @ApiProperty({ type: [AdminEventResponse], description: 'Newest first' }) items: AdminEventResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next (older) page; null on the last page', example: null })
  nextCursor: string | null;
}

const toAdminEventResponse = (event: AdminSecurityEvent): AdminEventResponse => ({
  id: event.id,
  type: event.type,
  createdAt: event.createdAt.toISOString(),
  userId: event.userId,
  actorId: event.actorId,
  sessionId: event.sessionId,
  ip: event.ip,
  userAgent: event.userAgent,
  detail: { ...event.detail },
});

export const toAdminEventListResponse = (page: AdminEventPage): AdminEventListResponse => ({ items: page.items.map(toAdminEventResponse), nextCursor: page.nextCursor });
