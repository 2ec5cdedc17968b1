import { Client } from 'pg';

export interface BenchDatabase {
  /** DATABASE_URL for the service under test. */
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
  /** Process ids of the PostgreSQL backends serving this database now (to read their CPU from /proc). */
  backendPids(): Promise<number[]>;
  /** Transactions committed or rolled back in this database so far (pg_stat_database; may lag ~1 s). */
  transactions(): Promise<number>;
}

/**
 * A fresh database on the server named by `adminUrl` (BENCH_DATABASE_URL), so every run starts from an
 * empty schema (the service migrates it at boot) and leaves nothing behind.
 */
export async function createBenchDatabase(adminUrl: string, tag = ''): Promise<BenchDatabase> {
  // The tag tells apart the databases one run creates at once (the reference services' own).
  const name = `identsphere_bench_${process.pid}_${Date.now().toString(36)}${tag ? `_${tag}` : ''}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    backendPids: () =>
      withAdmin(adminUrl, async (c) => (await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name])).rows.map((r) => r.pid)),
    transactions: () =>
      withAdmin(adminUrl, async (c) => {
        const { rows } = await c.query<{ n: string }>('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1', [name]);
        return Number(rows[0]?.n ?? Number.NaN);
      }),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      // WITH (FORCE) (PostgreSQL 13+) ends connections a killed server may have left behind.
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(adminUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
