import { ConfigError, ConfigProblem } from './config-error';
import { loadConfig } from './load-config';

// A random-looking secret so no test here writes a generated dev secret to disk.
const SECRET = 'kQ9v2Lr7xW4pZ8sT1mN6bY3cH5jD0fGa';
const base = { NODE_ENV: 'test', IDENTSPHERE_JWT_SECRET: SECRET };

function problemsOf(env: Record<string, string>): ConfigProblem[] {
  try {
    loadConfig({ ...base, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const variablesOf = (env: Record<string, string>) => problemsOf(env).map((p) => p.variable);

describe('loadConfig', () => {
  it('applies the documented defaults to a minimal environment', () => {
    const config = loadConfig(base);
    expect(config.http).toMatchObject({ port: 4000, publicBaseUrl: 'http://localhost:4000', publicOrigin: 'http://localhost:4000', corsOrigins: [], trustProxyHops: 0 });
    expect(config.cookies).toEqual({ secure: false, domain: null });
    expect(config.database.url).toBeNull();
    expect(config.tokens).toMatchObject({ algorithm: 'ES256', issuer: 'http://localhost:4000', audience: 'http://localhost:4000', accessTtlSeconds: 900 });
    expect(config.sessions).toEqual({ idleTtlSeconds: 1_209_600, absoluteTtlSeconds: 2_592_000, refreshGraceSeconds: 10 });
    expect(config.passwords).toMatchObject({ minLength: 15, argon2: { memoryKib: 19456, iterations: 2, parallelism: 1 } });
    expect(config.passwords.hashQueueMax).toBe(32 * config.passwords.hashConcurrency);
    expect(config.throttling).toEqual({ loginMaxFailures: 10, ipMaxAttempts: 100, ipWindowSeconds: 900 });
    expect(config.dataDir).toBe('./.identsphere');
    expect(config.observability).toEqual({ logLevel: 'info', metricsToken: null });
    expect(config.mail).toMatchObject({ smtpUrl: null, disabled: false, resetTokenTtlSeconds: 1800, verifyTokenTtlSeconds: 86400, requireVerifiedEmail: false });
    expect(config.mail.linkUrlTemplate).toBe('http://localhost:4000/auth/{purpose}?token={token}');
    expect(config.http.shutdownTimeoutSeconds).toBe(25);
  });

  it('parses a fully specified valid environment into typed values', () => {
    const config = loadConfig({
      ...base,
      DATABASE_URL: 'postgres://app@db.internal:5432/identsphere',
      IDENTSPHERE_PUBLIC_BASE_URL: 'https://auth.example.com/',
      IDENTSPHERE_COOKIES_SECURE: 'true',
      IDENTSPHERE_COOKIES_DOMAIN: 'example.com',
      PORT: '8080',
      IDENTSPHERE_CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
      IDENTSPHERE_JWT_ALG: 'EdDSA',
      IDENTSPHERE_JWT_AUDIENCE: 'api://orders',
      IDENTSPHERE_ACCESS_TOKEN_TTL: '1',
      IDENTSPHERE_SESSION_IDLE_TTL: '3600',
      IDENTSPHERE_SESSION_ABSOLUTE_TTL: '3600',
      IDENTSPHERE_REFRESH_GRACE: '0',
      IDENTSPHERE_HASH_CONCURRENCY: '3',
      IDENTSPHERE_TRUST_PROXY_HOPS: '1',
      IDENTSPHERE_LOG_LEVEL: 'debug',
      IDENTSPHERE_MAIL_DISABLED: '1',
      IDENTSPHERE_REQUIRE_VERIFIED_EMAIL: 'TRUE',
    });
    expect(config.http).toMatchObject({ port: 8080, publicBaseUrl: 'https://auth.example.com', publicOrigin: 'https://auth.example.com', trustProxyHops: 1 });
    expect(config.http.corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(config.cookies).toEqual({ secure: true, domain: 'example.com' });
    expect(config.database.url).toBe('postgres://app@db.internal:5432/identsphere');
    expect(config.tokens).toMatchObject({ algorithm: 'EdDSA', issuer: 'https://auth.example.com', audience: 'api://orders', accessTtlSeconds: 1, secret: SECRET });
    expect(config.sessions).toEqual({ idleTtlSeconds: 3600, absoluteTtlSeconds: 3600, refreshGraceSeconds: 0 });
    expect(config.passwords).toMatchObject({ hashConcurrency: 3, hashQueueMax: 96 });
    expect(config.observability.logLevel).toBe('debug');
    expect(config.mail).toMatchObject({ disabled: true, requireVerifiedEmail: true });
  });

  it('takes the listener and migration connections from DATABASE_URL unless their own settings name direct ones', () => {
    const pooled = 'postgres://app@pgbouncer.internal:6432/identsphere';
    expect(loadConfig({ ...base, DATABASE_URL: pooled }).database).toEqual({ url: pooled, migrationsUrl: null, listenUrl: null });
    const direct = 'postgres://app@db.internal:5432/identsphere';
    const both = { ...base, DATABASE_URL: pooled, IDENTSPHERE_LISTEN_DATABASE_URL: direct, IDENTSPHERE_MIGRATIONS_DATABASE_URL: direct };
    expect(loadConfig(both).database).toEqual({ url: pooled, migrationsUrl: direct, listenUrl: direct });
  });

  it('refuses a listener or migrations URL without DATABASE_URL (the embedded default has neither connection)', () => {
    expect(variablesOf({ IDENTSPHERE_LISTEN_DATABASE_URL: 'postgres://app@db.internal:5432/identsphere' })).toEqual(['IDENTSPHERE_LISTEN_DATABASE_URL']);
    expect(variablesOf({ IDENTSPHERE_MIGRATIONS_DATABASE_URL: 'postgres://app@db.internal:5432/identsphere' })).toEqual(['IDENTSPHERE_MIGRATIONS_DATABASE_URL']);
  });

  it('reads the shutdown delay (0 by default: close as soon as the drain allows)', () => {
    expect(loadConfig(base).http.shutdownDelaySeconds).toBe(0);
    expect(loadConfig({ ...base, IDENTSPHERE_SHUTDOWN_DELAY: '5' }).http.shutdownDelaySeconds).toBe(5);
    expect(variablesOf({ IDENTSPHERE_SHUTDOWN_DELAY: '61' })).toEqual(['IDENTSPHERE_SHUTDOWN_DELAY']);
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ ...base, PORT: '', IDENTSPHERE_PUBLIC_BASE_URL: '', DATABASE_URL: '', IDENTSPHERE_COOKIES_SECURE: '' });
    expect(config.http.port).toBe(4000);
    expect(config.database.url).toBeNull();
  });

  it.each([
    ['a non-integer', 'PORT', '80.5'],
    ['a word for an integer', 'IDENTSPHERE_ACCESS_TOKEN_TTL', 'fifteen'],
    ['an integer beyond the safe range', 'IDENTSPHERE_IP_MAX_ATTEMPTS', '123456789012345678901234'],
    ['a bad boolean', 'IDENTSPHERE_COOKIES_SECURE', 'yes'],
    ['a bad enum value', 'IDENTSPHERE_JWT_ALG', 'none'],
    ['a bad log level', 'IDENTSPHERE_LOG_LEVEL', 'verbose'],
    ['an unknown NODE_ENV', 'NODE_ENV', 'staging'],
    ['a URL without a scheme', 'IDENTSPHERE_PUBLIC_BASE_URL', 'auth.example.com'],
    ['a non-http URL', 'IDENTSPHERE_PUBLIC_BASE_URL', 'ftp://auth.example.com'],
    ['a non-postgres database URL', 'DATABASE_URL', 'mysql://db/identsphere'],
    ['a non-postgres listener URL', 'IDENTSPHERE_LISTEN_DATABASE_URL', 'mysql://db/identsphere'],
    ['a non-smtp mail URL', 'IDENTSPHERE_SMTP_URL', 'http://mail.example.com'],
    ['a link template without {token}', 'IDENTSPHERE_LINK_URL_TEMPLATE', 'https://app.example.com/auth'],
    ['a port out of range', 'PORT', '70000'],
    ['a zero access-token lifetime', 'IDENTSPHERE_ACCESS_TOKEN_TTL', '0'],
    ['a refresh grace above 300 s', 'IDENTSPHERE_REFRESH_GRACE', '301'],
    ['a negative refresh grace', 'IDENTSPHERE_REFRESH_GRACE', '-1'],
    ['a minimum password length below 8', 'IDENTSPHERE_PASSWORD_MIN_LENGTH', '7'],
    ['a minimum password length above 64', 'IDENTSPHERE_PASSWORD_MIN_LENGTH', '65'],
    ['too little Argon2 memory', 'IDENTSPHERE_ARGON2_MEMORY_KIB', '1024'],
    ['a short JWT secret', 'IDENTSPHERE_JWT_SECRET', 'too-short-secret'],
    ['a short metrics token', 'IDENTSPHERE_METRICS_TOKEN', 'short'],
  ])('rejects %s (%s)', (_what, variable, value) => {
    expect(variablesOf({ [variable]: value })).toEqual([variable]);
  });

  it('reports a wrongly typed value as a type error, not as a range error', () => {
    const [problem] = problemsOf({ PORT: 'eighty' });
    expect(problem).toEqual({ variable: 'PORT', reason: 'must be an integer' });
  });

  it('rejects a low-entropy JWT secret even when it is long enough', () => {
    expect(variablesOf({ IDENTSPHERE_JWT_SECRET: 'abababababababababababababababababab' })).toEqual(['IDENTSPHERE_JWT_SECRET']);
  });

  it('rejects an idle timeout longer than the absolute session lifetime', () => {
    expect(variablesOf({ IDENTSPHERE_SESSION_IDLE_TTL: '7200', IDENTSPHERE_SESSION_ABSOLUTE_TTL: '3600' })).toEqual(['IDENTSPHERE_SESSION_IDLE_TTL']);
  });

  it('rejects an idle timeout longer than the default absolute lifetime', () => {
    expect(variablesOf({ IDENTSPHERE_SESSION_IDLE_TTL: '2592001' })).toEqual(['IDENTSPHERE_SESSION_IDLE_TTL']);
  });

  it('rejects a cookie domain without secure cookies', () => {
    expect(variablesOf({ IDENTSPHERE_COOKIES_DOMAIN: 'example.com' })).toEqual(['IDENTSPHERE_COOKIES_DOMAIN']);
    expect(variablesOf({ IDENTSPHERE_COOKIES_DOMAIN: 'example.com', IDENTSPHERE_COOKIES_SECURE: 'false' })).toEqual(['IDENTSPHERE_COOKIES_DOMAIN']);
  });

  it('rejects a malformed cookie domain', () => {
    expect(variablesOf({ IDENTSPHERE_COOKIES_DOMAIN: 'exa mple.com', IDENTSPHERE_COOKIES_SECURE: 'true' })).toEqual(['IDENTSPHERE_COOKIES_DOMAIN']);
  });

  it.each([
    ['a path', 'https://app.example.com/spa'],
    ['a wildcard', '*'],
    ['a bare host', 'app.example.com'],
    ['one bad entry among good ones', 'https://app.example.com,not an origin'],
  ])('rejects a CORS origin list with %s', (_what, value) => {
    expect(variablesOf({ IDENTSPHERE_CORS_ORIGINS: value })).toEqual(['IDENTSPHERE_CORS_ORIGINS']);
  });

  it('lists every problem at once, each variable by name', () => {
    const variables = variablesOf({
      PORT: 'x',
      IDENTSPHERE_COOKIES_SECURE: 'maybe',
      IDENTSPHERE_JWT_ALG: 'HS1',
      IDENTSPHERE_PUBLIC_BASE_URL: 'nope',
      IDENTSPHERE_SESSION_IDLE_TTL: '10',
      IDENTSPHERE_SESSION_ABSOLUTE_TTL: '5',
      IDENTSPHERE_CORS_ORIGINS: 'https://a.example.com/x',
    });
    expect(variables.sort()).toEqual(
      ['PORT', 'IDENTSPHERE_COOKIES_SECURE', 'IDENTSPHERE_JWT_ALG', 'IDENTSPHERE_PUBLIC_BASE_URL', 'IDENTSPHERE_SESSION_IDLE_TTL', 'IDENTSPHERE_CORS_ORIGINS'].sort(),
    );
  });

  it('names each bad variable in the message but never its value', () => {
    const values = {
      PORT: 'port-Zq81xv',
      IDENTSPHERE_JWT_SECRET: 'secret-Wv27kq',
      IDENTSPHERE_JWT_ALG: 'alg-Rt44pl',
      DATABASE_URL: 'mysql://user:pw-Hh19zz@db/app',
      IDENTSPHERE_PUBLIC_BASE_URL: 'url-Ko55mn',
      IDENTSPHERE_CORS_ORIGINS: 'https://cors-Jx63bd.example.com/path',
      IDENTSPHERE_COOKIES_SECURE: 'bool-Lp02qs',
      IDENTSPHERE_METRICS_TOKEN: 'mt-Ya7',
    };
    let message = '';
    try {
      loadConfig({ ...base, ...values });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const [variable, value] of Object.entries(values)) {
      expect(message).toContain(variable);
      expect(message).not.toContain(value);
    }
    for (const marker of ['Zq81xv', 'Wv27kq', 'Rt44pl', 'Hh19zz', 'Ko55mn', 'Jx63bd', 'Lp02qs', 'Ya7']) expect(message).not.toContain(marker);
  });

  it('never echoes a rejected low-entropy secret', () => {
    const secret = 'Zx9Zx9Zx9Zx9Zx9Zx9Zx9Zx9Zx9Zx9Zx9Zx9Zx9';
    try {
      loadConfig({ ...base, IDENTSPHERE_JWT_SECRET: secret });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('IDENTSPHERE_JWT_SECRET');
      expect((error as Error).message).not.toContain('Zx9');
    }
  });
});

describe('loadConfig: WebAuthn relying party', () => {
  it('defaults the RP ID to the public host and the origins to the CORS origins plus the public origin', () => {
    const config = loadConfig({ ...base, IDENTSPHERE_PUBLIC_BASE_URL: 'https://auth.example.com/base', IDENTSPHERE_CORS_ORIGINS: 'https://app.auth.example.com' });
    expect(config.webauthn).toEqual({ rpId: 'auth.example.com', rpName: 'IdentSphere', origins: ['https://app.auth.example.com', 'https://auth.example.com'] });
  });

  it('leaves out, with a warning, a defaulted origin that the RP ID does not cover', () => {
    const warnings: string[] = [];
    const env = { ...base, IDENTSPHERE_PUBLIC_BASE_URL: 'https://auth.example.com', IDENTSPHERE_CORS_ORIGINS: 'https://app.example.com' };
    const config = loadConfig(env, { warn: (message) => warnings.push(message) });
    expect(config.webauthn.origins).toEqual(['https://auth.example.com']);
    expect(warnings).toEqual([expect.stringContaining('https://app.example.com')]);
    expect(loadConfig({ ...env, IDENTSPHERE_WEBAUTHN_RP_ID: 'example.com' }).webauthn.origins).toEqual(['https://app.example.com', 'https://auth.example.com']);
  });

  it('refuses an explicit origin that the RP ID does not cover, since browsers would refuse every passkey there', () => {
    const env = { ...base, IDENTSPHERE_WEBAUTHN_RP_ID: 'example.com', IDENTSPHERE_WEBAUTHN_ORIGINS: 'https://a.example.com, https://evil-example.com' };
    expect(variablesOf(env)).toEqual(['IDENTSPHERE_WEBAUTHN_ORIGINS']);
  });

  it('takes an explicit RP ID and origin list', () => {
    const config = loadConfig({ ...base, IDENTSPHERE_WEBAUTHN_RP_ID: 'example.com', IDENTSPHERE_WEBAUTHN_ORIGINS: 'https://a.example.com, https://b.example.com' });
    expect(config.webauthn).toMatchObject({ rpId: 'example.com', origins: ['https://a.example.com', 'https://b.example.com'] });
  });

  it('refuses an RP ID with a scheme and an origin with a path', () => {
    expect(variablesOf({ ...base, IDENTSPHERE_WEBAUTHN_RP_ID: 'https://example.com', IDENTSPHERE_WEBAUTHN_ORIGINS: 'https://a.example.com/app' })).toEqual(
      expect.arrayContaining(['IDENTSPHERE_WEBAUTHN_RP_ID', 'IDENTSPHERE_WEBAUTHN_ORIGINS']),
    );
  });
});

describe('loadConfig: bootstrap admin', () => {
  it('has no bootstrap admin unless one is named', () => {
    expect(loadConfig(base).bootstrap).toEqual({ adminEmail: null });
    expect(loadConfig({ ...base, IDENTSPHERE_BOOTSTRAP_ADMIN_EMAIL: '  ' }).bootstrap).toEqual({ adminEmail: null });
  });

  it('normalises the address like account emails (trim, lower-case)', () => {
    expect(loadConfig({ ...base, IDENTSPHERE_BOOTSTRAP_ADMIN_EMAIL: ' Ops.Lead@Example.COM ' }).bootstrap.adminEmail).toBe('ops.lead@example.com');
  });

  it('refuses something that is not an email address, naming the variable but not echoing the value', () => {
    const problems = problemsOf({ IDENTSPHERE_BOOTSTRAP_ADMIN_EMAIL: 'root-Zq81' });
    expect(problems.map((p) => p.variable)).toEqual(['IDENTSPHERE_BOOTSTRAP_ADMIN_EMAIL']);
    expect(JSON.stringify(problems)).not.toContain('Zq81');
  });
});
