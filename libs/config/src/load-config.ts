import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { availableParallelism } from 'node:os';
import { AppConfig, JwtAlgorithm, LogLevel, MfaRequirement } from './app-config';
import { ConfigError, ConfigProblem } from './config-error';
import { readOrCreateDevSecret } from './dev-secret';
import { EnvironmentVariables } from './environment.schema';
import { parseOidcProviders } from './oidc-providers-setting';
import { looksRandomEnough, MIN_SECRET_BITS } from './secret-strength';

export interface LoadConfigOptions {
  /** Called for non-fatal notices (e.g. a generated dev secret). */
  readonly warn?: (message: string) => void;
}

/**
 * Validates the environment once and builds the typed config. Throws ConfigError listing every bad
 * variable. The only place in the service that looks at environment variables.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): AppConfig {
  const vars = plainToInstance(EnvironmentVariables, pick(env), { enableImplicitConversion: false });
  const problems: ConfigProblem[] = validateSync(vars, { skipMissingProperties: false }).map((e) => ({ variable: e.property, reason: reasonOf(e) }));
  const isProduction = (vars.NODE_ENV ?? 'development') === 'production';
  problems.push(...productionProblems(vars, isProduction, problems));
  problems.push(...consistencyProblems(vars));
  const oidc = parseOidcProviders(vars.IDENTSPHERE_OIDC_PROVIDERS, isProduction);
  problems.push(...oidc.problems);
  if (vars.IDENTSPHERE_JWT_SECRET && !problems.some((p) => p.variable === 'IDENTSPHERE_JWT_SECRET') && lowEntropy(vars.IDENTSPHERE_JWT_SECRET)) {
    problems.push({ variable: 'IDENTSPHERE_JWT_SECRET', reason: 'looks low-entropy (too few distinct characters); use a random value' });
  }
  if (problems.length) throw new ConfigError(problems);
  return { ...build(vars, isProduction, options), oidcProviders: oidc.providers };
}

// A value of the wrong type also fails its range checks; the type is the real problem, so report that.
const TYPE_CONSTRAINTS = ['isInt', 'isBoolean', 'isString'];

function reasonOf(error: ValidationError): string {
  const constraints = error.constraints ?? {};
  const key = TYPE_CONSTRAINTS.find((k) => k in constraints) ?? Object.keys(constraints)[0];
  const message = key ? constraints[key] : 'is invalid';
  // class-validator's default messages start with the property name, which the problem line already shows.
  return message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message;
}

function pick(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(env)) if (key === 'NODE_ENV' || key === 'PORT' || key === 'DATABASE_URL' || key.startsWith('IDENTSPHERE_')) out[key] = env[key];
  return out;
}

function productionProblems(v: EnvironmentVariables, isProduction: boolean, already: ConfigProblem[]): ConfigProblem[] {
  if (!isProduction) return [];
  const bad = (name: string) => already.some((p) => p.variable === name);
  const out: ConfigProblem[] = [];
  if (!v.DATABASE_URL && !bad('DATABASE_URL')) out.push({ variable: 'DATABASE_URL', reason: 'is required in production' });
  if (!bad('IDENTSPHERE_JWT_SECRET')) out.push(...productionSecretProblems(v.IDENTSPHERE_JWT_SECRET));
  if (!bad('IDENTSPHERE_PUBLIC_BASE_URL') && !(v.IDENTSPHERE_PUBLIC_BASE_URL ?? '').startsWith('https://')) {
    out.push({ variable: 'IDENTSPHERE_PUBLIC_BASE_URL', reason: 'must be an https URL in production' });
  }
  // Plain cookies behind an https origin would let any network observer replay the refresh token. Unset
  // counts as false (the documented default), so an https deployment must opt in explicitly.
  if (v.IDENTSPHERE_COOKIES_SECURE !== true && !bad('IDENTSPHERE_COOKIES_SECURE') && (v.IDENTSPHERE_PUBLIC_BASE_URL ?? '').startsWith('https://')) {
    out.push({ variable: 'IDENTSPHERE_COOKIES_SECURE', reason: 'must be true when the public base URL is https in production' });
  }
  if (!v.IDENTSPHERE_SMTP_URL && v.IDENTSPHERE_MAIL_DISABLED !== true) {
    out.push({ variable: 'IDENTSPHERE_SMTP_URL', reason: 'is required in production unless IDENTSPHERE_MAIL_DISABLED=true' });
  }
  // Metrics reveal traffic, error rates and account activity; exposing them must be a decision, not a default.
  if (!v.IDENTSPHERE_METRICS_TOKEN && !bad('IDENTSPHERE_METRICS_TOKEN') && v.IDENTSPHERE_METRICS_PUBLIC !== true) {
    out.push({ variable: 'IDENTSPHERE_METRICS_TOKEN', reason: 'is required in production (protects /metrics) unless IDENTSPHERE_METRICS_PUBLIC=true' });
  }
  return out;
}

const GENERATE_SECRET_HINT = 'generate one with `openssl rand -base64 48`';

/** Every key derives from the root secret; in HS256 mode any token lets an attacker test guesses of it offline. */
function productionSecretProblems(secret: string | undefined): ConfigProblem[] {
  if (!secret) return [{ variable: 'IDENTSPHERE_JWT_SECRET', reason: `is required in production (at least 32 random bytes); ${GENERATE_SECRET_HINT}` }];
  if (looksRandomEnough(secret)) return [];
  return [{ variable: 'IDENTSPHERE_JWT_SECRET', reason: `does not look random (estimated below ${MIN_SECRET_BITS} bits: words, repeats or sequences); ${GENERATE_SECRET_HINT}` }];
}

function consistencyProblems(v: EnvironmentVariables): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const idle = v.IDENTSPHERE_SESSION_IDLE_TTL ?? DEFAULTS.idleTtl;
  const absolute = v.IDENTSPHERE_SESSION_ABSOLUTE_TTL ?? DEFAULTS.absoluteTtl;
  if (typeof idle === 'number' && typeof absolute === 'number' && idle > absolute) {
    out.push({ variable: 'IDENTSPHERE_SESSION_IDLE_TTL', reason: 'must not exceed IDENTSPHERE_SESSION_ABSOLUTE_TTL' });
  }
  // The embedded default migrates its own files.
  if (/^postgres(ql)?:\/\//.test(v.IDENTSPHERE_MIGRATIONS_DATABASE_URL ?? '') && !v.DATABASE_URL) {
    out.push({ variable: 'IDENTSPHERE_MIGRATIONS_DATABASE_URL', reason: 'requires DATABASE_URL' });
  }
  // The embedded default has no listener connection (its own process makes every change). A malformed URL is
  // reported as such by the schema, not twice.
  if (/^postgres(ql)?:\/\//.test(v.IDENTSPHERE_LISTEN_DATABASE_URL ?? '') && !v.DATABASE_URL) {
    out.push({ variable: 'IDENTSPHERE_LISTEN_DATABASE_URL', reason: 'requires DATABASE_URL' });
  }
  if (v.IDENTSPHERE_COOKIES_DOMAIN && v.IDENTSPHERE_COOKIES_SECURE !== true) {
    out.push({ variable: 'IDENTSPHERE_COOKIES_DOMAIN', reason: 'requires IDENTSPHERE_COOKIES_SECURE=true (__Secure- cookies)' });
  }
  for (const origin of splitList(v.IDENTSPHERE_CORS_ORIGINS)) {
    if (toOrigin(origin) !== origin) {
      out.push({ variable: 'IDENTSPHERE_CORS_ORIGINS', reason: 'must list origins like https://app.example.com (scheme and host, no path)' });
      break;
    }
  }
  const webauthnOrigins = splitList(v.IDENTSPHERE_WEBAUTHN_ORIGINS);
  if (webauthnOrigins.some((origin) => toOrigin(origin) !== origin)) {
    out.push({ variable: 'IDENTSPHERE_WEBAUTHN_ORIGINS', reason: 'must list origins like https://app.example.com (scheme and host, no path)' });
  } else {
    const rpId = webauthnRpId(v, publicBaseUrlOf(v));
    const outside = webauthnOrigins.filter((origin) => !withinRpId(origin, rpId));
    if (outside.length > 0) {
      out.push({ variable: 'IDENTSPHERE_WEBAUTHN_ORIGINS', reason: `${outside.join(', ')} not within the RP ID ${rpId}: browsers refuse passkeys there (set IDENTSPHERE_WEBAUTHN_RP_ID to a domain they share)` });
    }
  }
  return out;
}

const lowEntropy = (secret: string) => new Set(secret).size < 10;

const DEFAULTS = { idleTtl: 1_209_600, absoluteTtl: 2_592_000 };

function build(v: EnvironmentVariables, isProduction: boolean, options: LoadConfigOptions): Omit<AppConfig, 'oidcProviders'> {
  const publicBaseUrl = publicBaseUrlOf(v);
  const dataDir = v.IDENTSPHERE_DATA_DIR ?? './.identsphere';
  const hashConcurrency = v.IDENTSPHERE_HASH_CONCURRENCY ?? availableParallelism();
  const secret = v.IDENTSPHERE_JWT_SECRET ?? readOrCreateDevSecret(dataDir, options.warn ?? (() => undefined));
  return {
    nodeEnv: v.NODE_ENV ?? 'development',
    isProduction,
    dataDir,
    http: {
      port: v.PORT ?? 4000,
      publicBaseUrl,
      publicOrigin: toOrigin(publicBaseUrl),
      corsOrigins: splitList(v.IDENTSPHERE_CORS_ORIGINS),
      trustProxyHops: v.IDENTSPHERE_TRUST_PROXY_HOPS ?? 0,
      shutdownTimeoutSeconds: v.IDENTSPHERE_SHUTDOWN_TIMEOUT ?? 25,
      shutdownDelaySeconds: v.IDENTSPHERE_SHUTDOWN_DELAY ?? 0,
    },
    cookies: { secure: v.IDENTSPHERE_COOKIES_SECURE ?? false, domain: v.IDENTSPHERE_COOKIES_DOMAIN ?? null },
    database: { url: v.DATABASE_URL ?? null, migrationsUrl: v.IDENTSPHERE_MIGRATIONS_DATABASE_URL ?? null, listenUrl: v.IDENTSPHERE_LISTEN_DATABASE_URL ?? null },
    tokens: {
      secret,
      algorithm: (v.IDENTSPHERE_JWT_ALG ?? 'ES256') as JwtAlgorithm,
      issuer: publicBaseUrl,
      audience: v.IDENTSPHERE_JWT_AUDIENCE ?? publicBaseUrl,
      accessTtlSeconds: v.IDENTSPHERE_ACCESS_TOKEN_TTL ?? 900,
    },
    sessions: {
      idleTtlSeconds: v.IDENTSPHERE_SESSION_IDLE_TTL ?? DEFAULTS.idleTtl,
      absoluteTtlSeconds: v.IDENTSPHERE_SESSION_ABSOLUTE_TTL ?? DEFAULTS.absoluteTtl,
      refreshGraceSeconds: v.IDENTSPHERE_REFRESH_GRACE ?? 10,
    },
    passwords: {
      minLength: v.IDENTSPHERE_PASSWORD_MIN_LENGTH ?? 15,
      argon2: {
        memoryKib: v.IDENTSPHERE_ARGON2_MEMORY_KIB ?? 19456,
        iterations: v.IDENTSPHERE_ARGON2_ITERATIONS ?? 2,
        parallelism: v.IDENTSPHERE_ARGON2_PARALLELISM ?? 1,
      },
      hashConcurrency,
      // Sized by the wait it adds, not by the cores alone: at the default parameters (~15 ms a hash) a full
      // queue waits about 0.5 s (32 hashes per slot), far inside the 2 s every login answer must take, yet a
      // storm of clients that retry at once (ignoring Retry-After) mostly waits for a slot instead of spinning
      // on refusals.
      hashQueueMax: v.IDENTSPHERE_HASH_QUEUE_MAX ?? 32 * hashConcurrency,
    },
    throttling: {
      loginMaxFailures: v.IDENTSPHERE_LOGIN_MAX_FAILURES ?? 10,
      ipMaxAttempts: v.IDENTSPHERE_IP_MAX_ATTEMPTS ?? 100,
      ipWindowSeconds: v.IDENTSPHERE_IP_WINDOW ?? 900,
    },
    mail: {
      smtpUrl: v.IDENTSPHERE_SMTP_URL ?? null,
      from: v.IDENTSPHERE_MAIL_FROM ?? `IdentSphere <no-reply@${new URL(publicBaseUrl).hostname}>`,
      disabled: v.IDENTSPHERE_MAIL_DISABLED ?? false,
      linkUrlTemplate: v.IDENTSPHERE_LINK_URL_TEMPLATE ?? `${publicBaseUrl}/auth/{purpose}?token={token}`,
      resetTokenTtlSeconds: v.IDENTSPHERE_RESET_TOKEN_TTL ?? 1800,
      verifyTokenTtlSeconds: v.IDENTSPHERE_VERIFY_TOKEN_TTL ?? 86400,
      requireVerifiedEmail: v.IDENTSPHERE_REQUIRE_VERIFIED_EMAIL ?? false,
    },
    observability: {
      logLevel: (v.IDENTSPHERE_LOG_LEVEL ?? 'info') as LogLevel,
      metricsToken: v.IDENTSPHERE_METRICS_TOKEN ?? null,
    },
    audit: { retentionDays: v.IDENTSPHERE_AUDIT_RETENTION_DAYS ?? 365 },
    mfa: {
      required: (v.IDENTSPHERE_MFA_REQUIRED ?? 'off') as MfaRequirement,
      stepUpMaxAgeSeconds: v.IDENTSPHERE_STEP_UP_MAX_AGE ?? 600,
      issuer: v.IDENTSPHERE_MFA_ISSUER ?? 'IdentSphere',
    },
    webauthn: webauthnSettings(v, publicBaseUrl, options.warn ?? (() => undefined)),
    // The same normalisation as account emails (libs/users normalizeEmail), so the comparison is exact.
    bootstrap: { adminEmail: v.IDENTSPHERE_BOOTSTRAP_ADMIN_EMAIL?.normalize('NFKC').toLowerCase() ?? null },
  };
}

function publicBaseUrlOf(v: EnvironmentVariables): string {
  return (v.IDENTSPHERE_PUBLIC_BASE_URL ?? 'http://localhost:4000').replace(/\/+$/, '');
}

/**
 * Defaults: the public base URL's host as RP ID; the SPA origins plus the public base URL's own origin.
 * A defaulted origin outside the RP ID is left out with a warning (a browser would refuse passkeys there
 * anyway), while an explicit one is a configuration error (consistencyProblems).
 */
function webauthnSettings(v: EnvironmentVariables, publicBaseUrl: string, warn: (message: string) => void): AppConfig['webauthn'] {
  const rpId = webauthnRpId(v, publicBaseUrl);
  const explicit = splitList(v.IDENTSPHERE_WEBAUTHN_ORIGINS);
  if (explicit.length > 0) return { rpId, rpName: 'IdentSphere', origins: explicit };
  const candidates = [...new Set([...splitList(v.IDENTSPHERE_CORS_ORIGINS), toOrigin(publicBaseUrl)])];
  const outside = candidates.filter((origin) => !withinRpId(origin, rpId));
  if (outside.length > 0) {
    warn(`passkeys are not offered to ${outside.join(', ')}: not within the WebAuthn RP ID ${rpId} (set IDENTSPHERE_WEBAUTHN_RP_ID to a domain they share)`);
  }
  return { rpId, rpName: 'IdentSphere', origins: candidates.filter((origin) => withinRpId(origin, rpId)) };
}

function webauthnRpId(v: EnvironmentVariables, publicBaseUrl: string): string {
  return (v.IDENTSPHERE_WEBAUTHN_RP_ID ?? toHostname(publicBaseUrl)).toLowerCase();
}

/** WebAuthn's rule: the RP ID is the origin's host or a parent domain of it. */
function withinRpId(origin: string, rpId: string): boolean {
  const host = toHostname(origin).toLowerCase();
  return host === rpId || host.endsWith(`.${rpId}`);
}

function toHostname(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function toOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
