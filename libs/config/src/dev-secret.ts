import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Outside production, a missing IDENTSPHERE_JWT_SECRET is generated once and kept in the data
 * directory, so restarts keep signing keys decryptable and sessions valid.
 */
export function readOrCreateDevSecret(dataDir: string, warn: (message: string) => void): string {
  const file = join(dataDir, 'jwt-secret');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch {
    // Not there yet: generate below.
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  warn(`IDENTSPHERE_JWT_SECRET is not set: generated a development secret in ${file}. Set it explicitly in production.`);
  return secret;
}
