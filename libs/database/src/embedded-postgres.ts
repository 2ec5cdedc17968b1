import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * The zero-setup database for `npm start` and for tests without TEST_DATABASE_URL: PGlite (PostgreSQL
 * compiled to WASM), file-backed under the data directory, served on a loopback socket.
 *
 * Why the socket and the ordinary `pg` driver rather than a TypeORM PGlite driver: every query, migration,
 * error code and pool behaviour then goes through exactly the code path production uses against real
 * PostgreSQL, so the embedded mode cannot hide a driver-specific bug. PGlite is a single session, so the
 * pool in front of it has exactly one connection (and boot-time advisory locking is skipped: one process
 * owns the files).
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly url: string,
  ) {}

  /** dataDir null = in memory (tests). */
  static async start(dataDir: string | null): Promise<EmbeddedPostgres> {
    let location: string | undefined;
    if (dataDir) {
      location = join(dataDir, 'pgdata');
      mkdirSync(location, { recursive: true });
    }
    const db = await PGlite.create(location);
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
    await server.start();
    const port = (server as unknown as { server: { address(): AddressInfo } }).server.address().port;
    return new EmbeddedPostgres(db, server, `postgres://postgres@127.0.0.1:${port}/postgres`);
  }

  async stop(): Promise<void> {
    await this.server.stop().catch(() => undefined);
    await this.db.close().catch(() => undefined);
  }
}
