import type { OidcProviderSetting } from './oidc-providers-setting';

export type JwtAlgorithm = 'ES256' | 'EdDSA' | 'RS256' | 'HS256';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type MfaRequirement = 'off' | 'all';

export interface Argon2Params {
  readonly memoryKib: number;
  readonly iterations: number;
  readonly parallelism: number;
}

/**
 * The validated, typed configuration. Injected as a class token so consumers ask typed questions
 * (`config.tokens.accessTtlSeconds`) instead of reading the environment.
 */
export abstract class AppConfig {
  abstract readonly nodeEnv: string;
  abstract readonly isProduction: boolean;
  abstract readonly dataDir: string;
  abstract readonly http: {
    readonly port: number;
    readonly publicBaseUrl: string;
    /** scheme://host[:port] of the public base URL, for CSRF Origin checks. */
    readonly publicOrigin: string;
    readonly corsOrigins: readonly string[];
    readonly trustProxyHops: number;
    readonly shutdownTimeoutSeconds: number;
    /** Serving on (readiness 503) this long after SIGTERM before closing the listener. */
    readonly shutdownDelaySeconds: number;
  };
  abstract readonly cookies: { readonly secure: boolean; readonly domain: string | null };
  /**
   * url null = the embedded PGlite database under dataDir. migrationsUrl: where migrations run (a direct
   * connection when url is a transaction pooler); listenUrl: the dedicated LISTEN connection's (a direct
   * connection, never a transaction-mode pooler); null = url for both.
   */
  abstract readonly database: { readonly url: string | null; readonly migrationsUrl: string | null; readonly listenUrl: string | null };
  abstract readonly tokens: {
    readonly secret: string;
    readonly algorithm: JwtAlgorithm;
    readonly issuer: string;
    readonly audience: string;
    readonly accessTtlSeconds: number;
  };
  abstract readonly sessions: {
    readonly idleTtlSeconds: number;
    readonly absoluteTtlSeconds: number;
    readonly refreshGraceSeconds: number;
  };
  abstract readonly passwords: {
    readonly minLength: number;
    readonly argon2: Argon2Params;
    readonly hashConcurrency: number;
    readonly hashQueueMax: number;
  };
  abstract readonly throttling: {
    readonly loginMaxFailures: number;
    readonly ipMaxAttempts: number;
    readonly ipWindowSeconds: number;
  };
  abstract readonly mail: {
    readonly smtpUrl: string | null;
    readonly from: string;
    readonly disabled: boolean;
    readonly linkUrlTemplate: string;
    readonly resetTokenTtlSeconds: number;
    readonly verifyTokenTtlSeconds: number;
    readonly requireVerifiedEmail: boolean;
  };
  abstract readonly observability: { readonly logLevel: LogLevel; readonly metricsToken: string | null };
  /** Security events older than this are deleted. */
  abstract readonly audit: { readonly retentionDays: number };
  abstract readonly mfa: {
    /** 'all': an account without a second factor signs in to a session limited to enrolling one. */
    readonly required: MfaRequirement;
    /** How recent (seconds) an authentication must be for @RequiresStepUp() routes. */
    readonly stepUpMaxAgeSeconds: number;
    /** The issuer shown in authenticator apps (otpauth:// URIs). */
    readonly issuer: string;
  };
  /** The WebAuthn relying party: passkeys are bound to rpId and accepted only from these origins. */
  abstract readonly webauthn: { readonly rpId: string; readonly rpName: string; readonly origins: readonly string[] };
  /**
   * IDENTSPHERE_BOOTSTRAP_ADMIN_EMAIL, normalised like account emails (trim, NFKC, lower-case): the account with
   * this address gets the admin role as soon as the address is verified. Null when unset.
   */
  abstract readonly bootstrap: { readonly adminEmail: string | null };
  /** IDENTSPHERE_OIDC_PROVIDERS: identity providers seeded at boot (managed by the environment, read-only in the API). */
  abstract readonly oidcProviders: readonly OidcProviderSetting[];
}
