export { AuditModule } from './audit.module';
export { AuditLog, auditInsertSql } from './audit-log';
export { AuditReader, EventPage, DEFAULT_EVENTS_LIMIT, MAX_EVENTS_LIMIT } from './audit-reader';
export { AdminEventReader, AdminEventFilter, AdminEventPage } from './admin-event-reader';
export { AuditRetention } from './audit-retention';
export { SECURITY_EVENT_TYPES, AUDIT_EVENT_TYPES, SecurityEventType, AuditEventType, SecurityEventInput, SecurityEvent, AdminSecurityEvent } from './security-event';
export { ListEventsQuery } from './dto/list-events.query';
export { PageCursor, PageLimit } from './dto/page-query';
