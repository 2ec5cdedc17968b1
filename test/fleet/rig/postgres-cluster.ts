import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PG_BIN } from './components';
import { freePort, runAsPostgres } from './processes';

/**
 * The rig's own PostgreSQL 15 cluster in a temp directory: restarting it never disturbs other tests that
 * share the machine's server. Trust auth on 127.0.0.1 only; the socket lives in the rig's directory.
 * Durability is off (fsync, full-page writes): the rig measures CPU and locking, not the disk.
 */
export class PostgresCluster {
  private constructor(
    readonly port: number,
    private readonly dataDir: string,
    private readonly logFile: string,
  ) {}

  /** `dir` must be owned by the postgres OS user. */
  static async create(dir: string): Promise<PostgresCluster> {
    const dataDir = join(dir, 'pgdata');
    runAsPostgres(`${PG_BIN}/initdb`, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    const cluster = new PostgresCluster(await freePort(), dataDir, join(dir, 'postgres.log'));
    cluster.pgCtl('start');
    return cluster;
  }

  /** The database URL for direct connections (migrations, LISTEN, the rig's own queries). */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** A fast shutdown: clients are disconnected, in-flight transactions roll back. */
  stopFast(): void {
    runAsPostgres(`${PG_BIN}/pg_ctl`, ['-D', this.dataDir, 'stop', '-m', 'fast', '-w', '-t', '60']);
  }

  /** Starts the stopped cluster again on its port; returns once it accepts connections. */
  start(): void {
    this.pgCtl('start');
  }

  /** Immediate stop; safe to call when it is not running (cleanup after a failure). */
  stop(): void {
    spawnSync('runuser', ['-u', 'postgres', '--', `${PG_BIN}/pg_ctl`, '-D', this.dataDir, 'stop', '-m', 'immediate', '-w'], { stdio: 'ignore' });
  }

  private pgCtl(action: 'start'): void {
    const options = [
      `-p ${this.port}`,
      "-c listen_addresses=127.0.0.1",
      `-k ${this.dataDir}`,
      '-c fsync=off',
      '-c full_page_writes=off',
      '-c synchronous_commit=off',
      '-c max_connections=200',
      // Lock waits show in pg_stat_activity / pg_locks; the capacity script samples them.
      '-c track_activities=on',
    ].join(' ');
    runAsPostgres(`${PG_BIN}/pg_ctl`, ['-D', this.dataDir, '-l', this.logFile, '-w', '-t', '60', '-o', options, action]);
  }
}
