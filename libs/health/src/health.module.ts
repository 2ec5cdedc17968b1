import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabasePing } from './database-ping';
import { DatabaseHealthIndicator } from './database.health';
import { HealthController } from './health.controller';
import { ReadinessState } from './readiness.state';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json', logger: false })],
  controllers: [HealthController],
  providers: [DatabaseHealthIndicator, DatabasePing, ReadinessState],
  exports: [ReadinessState, DatabasePing],
})
export class HealthModule {}
