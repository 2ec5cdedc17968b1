export { RateLimitModule } from './rate-limit.module';
export { RateLimiter } from './rate-limiter';
export { RateLimit, RateDecision } from './sliding-window';
export {
  LoginThrottle,
  LoginAttempt,
  LoginTicket,
  LoginAdmission,
  LOGIN_IP_BUCKET,
  LOGIN_LOCK_BASE_SECONDS,
  LOGIN_LOCK_MAX_SECONDS,
  DEVICE_TOKEN_LIFETIME_SECONDS,
  PERMANENT_LOCK_AFTER_FAILURES,
} from './login-throttle';
export { Along, AlongRow } from './persistence/along';
export { RateLimitCleanup, CleanupResult } from './rate-limit.cleanup';
