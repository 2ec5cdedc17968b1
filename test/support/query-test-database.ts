import { EmbeddedPostgres } from '@identsphere/database';
import { TestDatabase, withClient } from './test-database';

/**
 * Runs one query against a test database while no app holds it: directly on real PostgreSQL, or by
 * opening the embedded PGlite data directory (which only one process may have open at a time).
 */
export async function queryTestDatabase<T = Record<string, unknown>>(db: TestDatabase, sql: string, params: unknown[] = []): Promise<T[]> {
  if (db.url) return withClient(db.url, async (client) => (await client.query(sql, params)).rows as T[]);
  const embedded = await EmbeddedPostgres.start(db.env.IDENTSPHERE_DATA_DIR);
  try {
    return await withClient(embedded.url, async (client) => (await client.query(sql, params)).rows as T[]);
  } finally {
    await embedded.stop();
  }
}
