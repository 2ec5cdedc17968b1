import { accessSync, constants } from 'node:fs';

// The system programs the rig drives (Debian packages postgresql-15, pgbouncer, haproxy; .ci/run installs them).
export const PG_BIN = '/usr/lib/postgresql/15/bin';
export const PGBOUNCER = '/usr/sbin/pgbouncer';
export const HAPROXY = '/usr/sbin/haproxy';

const REQUIRED: Record<string, string> = {
  [`${PG_BIN}/initdb`]: 'PostgreSQL 15 (postgresql-15)',
  [`${PG_BIN}/pg_ctl`]: 'PostgreSQL 15 (postgresql-15)',
  [PGBOUNCER]: 'PgBouncer (pgbouncer)',
  [HAPROXY]: 'HAProxy (haproxy)',
};

/** The packages whose programs are missing here, e.g. ['HAProxy (haproxy)']; empty when the rig can run. */
export function missingComponents(): string[] {
  const missing = new Set<string>();
  for (const [path, name] of Object.entries(REQUIRED)) {
    try {
      accessSync(path, constants.X_OK);
    } catch {
      missing.add(name);
    }
  }
  return [...missing];
}
