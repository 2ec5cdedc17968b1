import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { livenessCacheProvider } from './liveness/liveness-cache.provider';
import { SessionEntity } from './persistence/session.entity';
import { SessionsRepository } from './persistence/sessions.repository';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Module({
  imports: [TypeOrmModule.forFeature([SessionEntity])],
  controllers: [SessionsController],
  providers: [SessionsRepository, SessionsService, livenessCacheProvider],
  exports: [SessionsService],
})
export class SessionsModule {}
