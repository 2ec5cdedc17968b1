import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

const SECRET = 'Hb3Jq8Xw1Zr6Tn0Vk5Ly2Pc7Md4Fs9Ge';

/** A complete, valid production environment; each test breaks one rule of it. */
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app@db.internal:5432/identsphere',
  IDENTSPHERE_JWT_SECRET: SECRET,
  IDENTSPHERE_PUBLIC_BASE_URL: 'https://auth.example.com',
  IDENTSPHERE_COOKIES_SECURE: 'true',
  IDENTSPHERE_SMTP_URL: 'smtp://mail.internal:587',
};

function variablesOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
}

const without = (name: keyof typeof production) => ({ ...production, [name]: undefined });

describe('loadConfig in production', () => {
  it('accepts a complete production environment', () => {
    const config = loadConfig(production);
    expect(config.isProduction).toBe(true);
    expect(config.database.url).toBe(production.DATABASE_URL);
    expect(config.cookies.secure).toBe(true);
  });

  it('requires DATABASE_URL (no embedded database in production)', () => {
    expect(variablesOf(without('DATABASE_URL'))).toEqual(['DATABASE_URL']);
  });

  it('requires IDENTSPHERE_JWT_SECRET instead of generating one', () => {
    expect(variablesOf(without('IDENTSPHERE_JWT_SECRET'))).toEqual(['IDENTSPHERE_JWT_SECRET']);
  });

  it('requires the JWT secret to be at least 32 bytes', () => {
    expect(variablesOf({ ...production, IDENTSPHERE_JWT_SECRET: SECRET.slice(0, 31) })).toEqual(['IDENTSPHERE_JWT_SECRET']);
    expect(variablesOf({ ...production, IDENTSPHERE_JWT_SECRET: SECRET.slice(0, 32) })).toEqual([]);
  });

  it('requires an https public base URL', () => {
    expect(variablesOf({ ...production, IDENTSPHERE_PUBLIC_BASE_URL: 'http://auth.example.com' })).toEqual(['IDENTSPHERE_PUBLIC_BASE_URL']);
    expect(variablesOf(without('IDENTSPHERE_PUBLIC_BASE_URL'))).toEqual(['IDENTSPHERE_PUBLIC_BASE_URL']);
  });

  it('refuses insecure cookies behind an https public base URL, whether set false or left unset', () => {
    expect(variablesOf({ ...production, IDENTSPHERE_COOKIES_SECURE: 'false' })).toEqual(['IDENTSPHERE_COOKIES_SECURE']);
    expect(variablesOf(without('IDENTSPHERE_COOKIES_SECURE'))).toEqual(['IDENTSPHERE_COOKIES_SECURE']);
  });

  it('requires an SMTP URL unless mail is explicitly disabled', () => {
    expect(variablesOf(without('IDENTSPHERE_SMTP_URL'))).toEqual(['IDENTSPHERE_SMTP_URL']);
    expect(variablesOf({ ...without('IDENTSPHERE_SMTP_URL'), IDENTSPHERE_MAIL_DISABLED: 'false' })).toEqual(['IDENTSPHERE_SMTP_URL']);
    expect(variablesOf({ ...without('IDENTSPHERE_SMTP_URL'), IDENTSPHERE_MAIL_DISABLED: 'true' })).toEqual([]);
  });

  it('lists every missing production requirement at once', () => {
    expect(variablesOf({ NODE_ENV: 'production' }).sort()).toEqual(
      ['DATABASE_URL', 'IDENTSPHERE_JWT_SECRET', 'IDENTSPHERE_PUBLIC_BASE_URL', 'IDENTSPHERE_SMTP_URL'].sort(),
    );
  });

  it('reports a malformed production variable once, by its format problem', () => {
    expect(variablesOf({ ...production, DATABASE_URL: 'mysql://db/app' })).toEqual(['DATABASE_URL']);
  });

  it('applies none of these rules outside production', () => {
    expect(variablesOf({ NODE_ENV: 'development', IDENTSPHERE_JWT_SECRET: SECRET, IDENTSPHERE_PUBLIC_BASE_URL: 'https://auth.example.com' })).toEqual([]);
  });
});
