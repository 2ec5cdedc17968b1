export { AuditModule } from './audit.module';
export { AuditLog } from './audit-log';
export { AuditReader, EventPage } from './audit-reader';
export { AuditRetention } from './audit-retention';
export { SECURITY_EVENT_TYPES, SecurityEventType, AuditEventType, SecurityEventInput, SecurityEvent } from './security-event';
