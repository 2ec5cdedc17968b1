import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { AddressInfo } from 'node:net';
import { createTestDatabase } from './test-database';

/**
 * A PostgreSQL server reachable over TCP with a fresh database, for tests that put something between the
 * service and the database (a TCP proxy) or start the service as a production child process (which
 * refuses the embedded default). The machine's PostgreSQL when TEST_DATABASE_URL is set (CI), otherwise
 * an in-memory PGlite behind the PostgreSQL wire protocol, so these tests also run on a bare machine.
 */
export interface StandalonePostgres {
  /** Connection URL of the fresh database. */
  readonly url: string;
  /** Where the server listens (what a proxy forwards to). */
  readonly target: { readonly host: string; readonly port: number };
  stop(): Promise<void>;
}

// The service's pool holds up to 10 connections, the migrator one more for its advisory lock.
const PGLITE_MAX_CONNECTIONS = 32;

export async function startStandalonePostgres(): Promise<StandalonePostgres> {
  if (process.env.TEST_DATABASE_URL) {
    const db = await createTestDatabase();
    const url = new URL(db.url!);
    return { url: db.url!, target: { host: url.hostname, port: Number(url.port || 5432) }, stop: () => db.drop() };
  }
  const pglite = await PGlite.create();
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: PGLITE_MAX_CONNECTIONS });
  await server.start();
  const port = (server as unknown as { server: { address(): AddressInfo } }).server.address().port;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    target: { host: '127.0.0.1', port },
    stop: async () => {
      await server.stop().catch(() => undefined);
      await pglite.close().catch(() => undefined);
    },
  };
}
