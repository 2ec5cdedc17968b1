import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MIN_LENGTH = 32;

/**
 * Outside production, a missing IDENTSPHERE_JWT_SECRET is generated once and kept in the data
 * directory, so restarts keep signing keys decryptable and sessions valid.
 */
export function readOrCreateDevSecret(dataDir: string, warn: (message: string) => void): string {
  const file = join(dataDir, 'jwt-secret');
  const existing = readSecret(file);
  if (existing.valid) return existing.value;
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  // Written whole to a temporary file first, so a reader never sees a half-written secret.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, secret + '\n', { mode: 0o600 });
  try {
    if (existing.present) {
      renameSync(temporary, file); // replaces an unusable (truncated or emptied) secret file
    } else if (!publishOnce(temporary, file)) {
      // Another process (e.g. `npm run migrate` next to `npm start`) created it first: both must share one secret.
      const winner = readSecret(file);
      if (winner.valid) return winner.value;
      renameSync(temporary, file);
    }
  } finally {
    rmSync(temporary, { force: true });
  }
  warn(`IDENTSPHERE_JWT_SECRET is not set: generated a development secret in ${file}. Set it explicitly in production.`);
  return secret;
}

function readSecret(file: string): { present: boolean; valid: boolean; value: string } {
  try {
    const value = readFileSync(file, 'utf8').trim();
    return { present: true, valid: value.length >= MIN_LENGTH, value };
  } catch {
    return { present: false, valid: false, value: '' };
  }
}

/** Creates `file` atomically from `source`; false when it already exists. */
function publishOnce(source: string, file: string): boolean {
  try {
    linkSync(source, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}
