import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoginThrottle } from './login-throttle';
import { LoginLockEntity } from './persistence/login-lock.entity';
import { LoginLocksStore } from './persistence/login-locks.store';
import { RateLimitCounterEntity } from './persistence/rate-limit-counter.entity';
import { RateLimitCountersStore } from './persistence/rate-limit-counters.store';
import { RateLimitCleanup } from './rate-limit.cleanup';
import { RateLimiter } from './rate-limiter';
import { SubjectDigest } from './subject-digest';

/** Global: any flow that needs a throttle injects RateLimiter (or LoginThrottle) without importing this. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([RateLimitCounterEntity, LoginLockEntity])],
  providers: [SubjectDigest, RateLimitCountersStore, LoginLocksStore, RateLimiter, LoginThrottle, RateLimitCleanup],
  exports: [RateLimiter, LoginThrottle, RateLimitCleanup],
})
export class RateLimitModule {}
