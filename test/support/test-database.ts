import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { EmbeddedSchema, seedEmbeddedDataDir } from './embedded-template';

/**
 * A database of its own for one test file: a fresh PostgreSQL database on TEST_DATABASE_URL (CI), or,
 * when that is unset, a fresh data directory for the embedded PGlite default (a bare machine).
 */
export interface TestDatabase {
  /** Environment entries that point the service at this database. */
  readonly env: Record<string, string>;
  /** A connection URL to the real PostgreSQL database, or null in embedded mode. */
  readonly url: string | null;
  drop(): Promise<void>;
}

export const usingRealPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

/**
 * For suites and tests that only mean something on real PostgreSQL (several connections, several
 * instances on one database): on the embedded default they are reported as skipped, never silently absent
 * and never passing against a single serialized session. Start the name with the reason, e.g.
 * `describePg('needs real PostgreSQL (TEST_DATABASE_URL): two instances on one database', ...)`.
 */
export const describePg = usingRealPostgres() ? describe : describe.skip;
export const itPg = usingRealPostgres() ? it : it.skip;

/**
 * `schema: 'empty'` for the tests of migrating itself. On the embedded default a database is otherwise born
 * migrated (a copy of a migrated template: the migrations cost seconds per app start on PGlite); on real
 * PostgreSQL it is always empty and the app migrates it at boot, as in production.
 */
export async function createTestDatabase(options: { schema?: EmbeddedSchema } = {}): Promise<TestDatabase> {
  const admin = process.env.TEST_DATABASE_URL;
  const dataDir = mkdtempSync(join(tmpdir(), 'identsphere-test-'));
  if (!admin) {
    await seedEmbeddedDataDir(dataDir, options.schema);
    return { env: { IDENTSPHERE_DATA_DIR: dataDir }, url: null, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `identsphere_t_${randomBytes(6).toString('hex')}`;
  await withClient(admin, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), IDENTSPHERE_DATA_DIR: dataDir },
    url: url.toString(),
    drop: async () => {
      await withClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
