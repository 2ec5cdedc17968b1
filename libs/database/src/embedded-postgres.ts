import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * PostgreSQL's default 128 MB of shared buffers is most of PGlite's WASM heap; the embedded default serves a
 * developer's machine or a test (production requires DATABASE_URL), whose working set fits in 16 MB.
 * Measured idle RSS of the service: ~430 MB with the default, ~310 MB with this.
 */
const EMBEDDED_POSTGRESQL_CONF = ['shared_buffers = 16MB'];

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
      if (!existsSync(join(location, 'PG_VERSION'))) await initdbInChildProcess(location);
    }
    const db = await PGlite.create(location, { postgresqlconf: EMBEDDED_POSTGRESQL_CONF });
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

/**
 * initdb in a process of its own: it peaks at ~800 MB of WASM memory and file-system bundle, which a process
 * never hands back, so the service itself would idle at twice the size after its first boot.
 */
async function initdbInChildProcess(location: string): Promise<void> {
  const script = `import(${JSON.stringify(require.resolve('@electric-sql/pglite'))}).then(({ PGlite }) => PGlite.create(${JSON.stringify(location)}, { postgresqlconf: ${JSON.stringify(EMBEDDED_POSTGRESQL_CONF)} })).then((db) => db.close())`;
  await promisify(execFile)(process.execPath, ['-e', script], { timeout: 120_000 });
}
