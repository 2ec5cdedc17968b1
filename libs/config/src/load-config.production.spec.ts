import { randomBytes } from 'node:crypto';
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
  IDENTSPHERE_METRICS_TOKEN: 'metrics-Qv8Lm2Xr5Tz9Wp4K',
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

function messageOf(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
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

  it.each([
    ['a repeated run of letters', 'abcdefghijabcdefghijabcdefghijab'],
    ['words, a year and separators', 'my-company-jwt-secret-2025-prod!'],
    ['capitalised words that also parse as base64url', 'MyCompanyJwtSecretProductionKeyForAuthService'],
    ['a hex encoding of repeated bytes', '00'.repeat(31) + '01'],
    ['a base64 encoding of a sentence', Buffer.from('the quick brown fox jumps over the lazy dog').toString('base64')],
  ])('refuses a guessable JWT secret of 32+ bytes (%s)', (_what, secret) => {
    expect(variablesOf({ ...production, IDENTSPHERE_JWT_SECRET: secret })).toEqual(['IDENTSPHERE_JWT_SECRET']);
  });

  it.each([
    ['openssl rand -base64 48', () => randomBytes(48).toString('base64')],
    ['openssl rand -hex 32', () => randomBytes(32).toString('hex')],
    ['32 random bytes in base64url', () => randomBytes(32).toString('base64url')],
  ])('accepts a random JWT secret (%s)', (_what, generate) => {
    for (let i = 0; i < 20; i++) expect(variablesOf({ ...production, IDENTSPHERE_JWT_SECRET: generate() })).toEqual([]);
  });

  it('explains how to generate a secret and never echoes the refused one', () => {
    const secret = 'my-company-jwt-secret-2025-prod!';
    const message = messageOf({ ...production, IDENTSPHERE_JWT_SECRET: secret });
    expect(message).toContain('IDENTSPHERE_JWT_SECRET');
    expect(message).toContain('openssl rand -base64 48');
    expect(message).not.toContain('company');
  });

  it('requires IDENTSPHERE_METRICS_TOKEN unless the metrics are declared public', () => {
    expect(variablesOf(without('IDENTSPHERE_METRICS_TOKEN'))).toEqual(['IDENTSPHERE_METRICS_TOKEN']);
    expect(variablesOf({ ...without('IDENTSPHERE_METRICS_TOKEN'), IDENTSPHERE_METRICS_PUBLIC: 'false' })).toEqual(['IDENTSPHERE_METRICS_TOKEN']);
    expect(variablesOf({ ...without('IDENTSPHERE_METRICS_TOKEN'), IDENTSPHERE_METRICS_PUBLIC: 'true' })).toEqual([]);
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
      ['DATABASE_URL', 'IDENTSPHERE_JWT_SECRET', 'IDENTSPHERE_PUBLIC_BASE_URL', 'IDENTSPHERE_SMTP_URL', 'IDENTSPHERE_METRICS_TOKEN'].sort(),
    );
  });

  it('reports a malformed production variable once, by its format problem', () => {
    expect(variablesOf({ ...production, DATABASE_URL: 'mysql://db/app' })).toEqual(['DATABASE_URL']);
  });

  it('applies none of these rules outside production', () => {
    expect(variablesOf({ NODE_ENV: 'development', IDENTSPHERE_JWT_SECRET: SECRET, IDENTSPHERE_PUBLIC_BASE_URL: 'https://auth.example.com' })).toEqual([]);
  });
});
