import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';

// Environment values arrive as strings. These transforms convert what is convertible and leave anything
// else as an invalid marker, so the validator reports it by name (never echoing the value).
const INVALID = Symbol('invalid');
// Digits beyond Number.MAX_SAFE_INTEGER would silently round (and an unbounded TTL would overflow dates).
const toInt = () =>
  Transform(({ value }) => {
    if (value === undefined || value === '') return undefined;
    const text = String(value).trim();
    return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : INVALID;
  });
const toBool = () =>
  Transform(({ value }) => {
    if (value === undefined || value === '') return undefined;
    const v = String(value).trim().toLowerCase();
    return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : INVALID;
  });
const blankToUndefined = () => Transform(({ value }) => (value === undefined || String(value).trim() === '' ? undefined : String(value).trim()));

const httpUrl = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/**
 * Every configuration variable of the service (the README's Configuration section lists them). Only this
 * lib reads process.env; the rest of the service receives the typed AppConfig built from this.
 */
export class EnvironmentVariables {
  @IsOptional() @IsIn(['production', 'development', 'test'], { message: 'must be production, development or test' })
  NODE_ENV?: string;

  @IsOptional() @blankToUndefined() @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** Migrations (at boot and `cli.js migrate`) on a direct connection when DATABASE_URL is a pooler; default DATABASE_URL. */
  @IsOptional() @blankToUndefined() @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
  IDENTSPHERE_MIGRATIONS_DATABASE_URL?: string;

  /** The liveness cache's LISTEN connection: must reach PostgreSQL directly (not PgBouncer in transaction mode). */
  @IsOptional() @blankToUndefined() @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
  IDENTSPHERE_LISTEN_DATABASE_URL?: string;

  @IsOptional() @Transform(({ value }) => (value === '' ? undefined : value)) @IsString() @MinLength(32, { message: 'must be at least 32 bytes' })
  IDENTSPHERE_JWT_SECRET?: string;

  @IsOptional() @blankToUndefined() @IsUrl(httpUrl, { message: 'must be an absolute http(s) URL' })
  IDENTSPHERE_PUBLIC_BASE_URL?: string;

  @IsOptional() @toBool() @IsBoolean({ message: 'must be true or false' })
  IDENTSPHERE_COOKIES_SECURE?: boolean;

  @IsOptional() @blankToUndefined() @Matches(/^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/i, { message: 'must be a domain name' })
  IDENTSPHERE_COOKIES_DOMAIN?: string;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer' }) @Min(1) @Max(65535)
  PORT?: number;

  @IsOptional() @blankToUndefined() @IsString()
  IDENTSPHERE_CORS_ORIGINS?: string;

  @IsOptional() @blankToUndefined() @IsIn(['ES256', 'EdDSA', 'RS256', 'HS256'], { message: 'must be ES256, EdDSA, RS256 or HS256' })
  IDENTSPHERE_JWT_ALG?: string;

  @IsOptional() @blankToUndefined() @IsString()
  IDENTSPHERE_JWT_AUDIENCE?: string;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer number of seconds' }) @Min(1)
  IDENTSPHERE_ACCESS_TOKEN_TTL?: number;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer number of seconds' }) @Min(1)
  IDENTSPHERE_SESSION_IDLE_TTL?: number;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer number of seconds' }) @Min(1)
  IDENTSPHERE_SESSION_ABSOLUTE_TTL?: number;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer number of seconds' }) @Min(0) @Max(300)
  IDENTSPHERE_REFRESH_GRACE?: number;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer' }) @Min(1) @Max(1000)
  IDENTSPHERE_LOGIN_MAX_FAILURES?: number;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer' }) @Min(1)
  IDENTSPHERE_IP_MAX_ATTEMPTS?: number;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer number of seconds' }) @Min(1)
  IDENTSPHERE_IP_WINDOW?: number;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer' }) @Min(8) @Max(64)
  IDENTSPHERE_PASSWORD_MIN_LENGTH?: number;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer' }) @Min(8192) @Max(4194304)
  IDENTSPHERE_ARGON2_MEMORY_KIB?: number;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer' }) @Min(1) @Max(100)
  IDENTSPHERE_ARGON2_ITERATIONS?: number;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer' }) @Min(1) @Max(16)
  IDENTSPHERE_ARGON2_PARALLELISM?: number;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer' }) @Min(1) @Max(256)
  IDENTSPHERE_HASH_CONCURRENCY?: number;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer' }) @Min(0) @Max(100000)
  IDENTSPHERE_HASH_QUEUE_MAX?: number;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer' }) @Min(0) @Max(10)
  IDENTSPHERE_TRUST_PROXY_HOPS?: number;

  @IsOptional() @blankToUndefined() @IsString()
  IDENTSPHERE_DATA_DIR?: string;

  @IsOptional() @blankToUndefined() @IsIn(['debug', 'info', 'warn', 'error'], { message: 'must be debug, info, warn or error' })
  IDENTSPHERE_LOG_LEVEL?: string;

  @IsOptional() @blankToUndefined() @Matches(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
  IDENTSPHERE_SMTP_URL?: string;

  @IsOptional() @blankToUndefined() @IsString()
  IDENTSPHERE_MAIL_FROM?: string;

  @IsOptional() @toBool() @IsBoolean({ message: 'must be true or false' })
  IDENTSPHERE_MAIL_DISABLED?: boolean;

  @IsOptional() @blankToUndefined() @Matches(/^https?:\/\/\S*\{token\}/, { message: 'must be an http(s) URL containing {token}' })
  IDENTSPHERE_LINK_URL_TEMPLATE?: string;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer number of seconds' }) @Min(60)
  IDENTSPHERE_RESET_TOKEN_TTL?: number;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer number of seconds' }) @Min(60)
  IDENTSPHERE_VERIFY_TOKEN_TTL?: number;

  @IsOptional() @toBool() @IsBoolean({ message: 'must be true or false' })
  IDENTSPHERE_REQUIRE_VERIFIED_EMAIL?: boolean;

  @IsOptional() @Transform(({ value }) => (value === '' ? undefined : value)) @IsString() @MinLength(16, { message: 'must be at least 16 characters' })
  IDENTSPHERE_METRICS_TOKEN?: string;

  /** In production, an explicit opt-out of IDENTSPHERE_METRICS_TOKEN (e.g. /metrics reachable only on a private network). */
  @IsOptional() @toBool() @IsBoolean({ message: 'must be true or false' })
  IDENTSPHERE_METRICS_PUBLIC?: boolean;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer number of seconds' }) @Min(1) @Max(3600)
  IDENTSPHERE_SHUTDOWN_TIMEOUT?: number;

  /** Seconds between readiness turning 503 and the server closing its listener (a balancer's health checks notice first). */
  @IsOptional() @toInt() @IsInt({ message: 'must be an integer number of seconds' }) @Min(0) @Max(60)
  IDENTSPHERE_SHUTDOWN_DELAY?: number;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer number of days' }) @Min(1) @Max(36500)
  IDENTSPHERE_AUDIT_RETENTION_DAYS?: number;

  @IsOptional() @blankToUndefined() @IsIn(['off', 'all'], { message: 'must be off or all' })
  IDENTSPHERE_MFA_REQUIRED?: string;

  @IsOptional() @toInt() @IsInt({ message: 'must be an integer number of seconds' }) @Min(30) @Max(86400)
  IDENTSPHERE_STEP_UP_MAX_AGE?: number;

  @IsOptional() @blankToUndefined() @Matches(/^[^:]{1,64}$/, { message: 'must be 1 to 64 characters without a colon' })
  IDENTSPHERE_MFA_ISSUER?: string;

  @IsOptional() @blankToUndefined() @Matches(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/i, { message: 'must be a host name without scheme or port' })
  IDENTSPHERE_WEBAUTHN_RP_ID?: string;

  @IsOptional() @blankToUndefined() @IsString()
  IDENTSPHERE_WEBAUTHN_ORIGINS?: string;

  /** The account that receives the admin role once its address is verified (no default credentials anywhere). */
  @IsOptional() @blankToUndefined() @IsEmail({ require_tld: true }, { message: 'must be an email address' })
  IDENTSPHERE_BOOTSTRAP_ADMIN_EMAIL?: string;

  /** OpenID Connect providers seeded at boot: a JSON array, parsed and checked by parseOidcProviders (never echoed: it holds secrets). */
  @IsOptional() @blankToUndefined() @IsString()
  IDENTSPHERE_OIDC_PROVIDERS?: string;
}

export const ENVIRONMENT_VARIABLE_NAMES: readonly string[] = [
  'NODE_ENV', 'DATABASE_URL', 'IDENTSPHERE_MIGRATIONS_DATABASE_URL', 'IDENTSPHERE_LISTEN_DATABASE_URL', 'IDENTSPHERE_JWT_SECRET', 'IDENTSPHERE_PUBLIC_BASE_URL', 'IDENTSPHERE_COOKIES_SECURE',
  'IDENTSPHERE_COOKIES_DOMAIN', 'PORT', 'IDENTSPHERE_CORS_ORIGINS', 'IDENTSPHERE_JWT_ALG', 'IDENTSPHERE_JWT_AUDIENCE',
  'IDENTSPHERE_ACCESS_TOKEN_TTL', 'IDENTSPHERE_SESSION_IDLE_TTL', 'IDENTSPHERE_SESSION_ABSOLUTE_TTL', 'IDENTSPHERE_REFRESH_GRACE',
  'IDENTSPHERE_LOGIN_MAX_FAILURES', 'IDENTSPHERE_IP_MAX_ATTEMPTS', 'IDENTSPHERE_IP_WINDOW', 'IDENTSPHERE_PASSWORD_MIN_LENGTH',
  'IDENTSPHERE_ARGON2_MEMORY_KIB', 'IDENTSPHERE_ARGON2_ITERATIONS', 'IDENTSPHERE_ARGON2_PARALLELISM', 'IDENTSPHERE_HASH_CONCURRENCY',
  'IDENTSPHERE_HASH_QUEUE_MAX', 'IDENTSPHERE_TRUST_PROXY_HOPS', 'IDENTSPHERE_DATA_DIR', 'IDENTSPHERE_LOG_LEVEL',
  'IDENTSPHERE_SMTP_URL', 'IDENTSPHERE_MAIL_FROM', 'IDENTSPHERE_MAIL_DISABLED', 'IDENTSPHERE_LINK_URL_TEMPLATE',
  'IDENTSPHERE_RESET_TOKEN_TTL', 'IDENTSPHERE_VERIFY_TOKEN_TTL', 'IDENTSPHERE_REQUIRE_VERIFIED_EMAIL', 'IDENTSPHERE_METRICS_TOKEN',
  'IDENTSPHERE_METRICS_PUBLIC', 'IDENTSPHERE_SHUTDOWN_TIMEOUT', 'IDENTSPHERE_SHUTDOWN_DELAY', 'IDENTSPHERE_AUDIT_RETENTION_DAYS',
  'IDENTSPHERE_MFA_REQUIRED', 'IDENTSPHERE_STEP_UP_MAX_AGE', 'IDENTSPHERE_MFA_ISSUER',
  'IDENTSPHERE_WEBAUTHN_RP_ID', 'IDENTSPHERE_WEBAUTHN_ORIGINS',
  'IDENTSPHERE_BOOTSTRAP_ADMIN_EMAIL',
  'IDENTSPHERE_OIDC_PROVIDERS',
];
