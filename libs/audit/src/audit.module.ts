import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminEventReader } from './admin-event-reader';
import { AuditController } from './audit.controller';
import { AuditLog } from './audit-log';
import { AuditReader } from './audit-reader';
import { AuditRetention } from './audit-retention';
import { SecurityEventEntity } from './persistence/security-event.entity';

/** Global so any flow (auth, sessions, mail) can record events without importing this module. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([SecurityEventEntity])],
  controllers: [AuditController],
  providers: [AuditLog, AuditReader, AuditRetention, AdminEventReader],
  exports: [AuditLog, AuditReader, AuditRetention, AdminEventReader],
})
export class AuditModule {}
