import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGBOUNCER } from './components';
import { accepts, freePort, GiveUp, LoggedProcess, waitFor } from './processes';

const START_TIMEOUT_MS = 15_000;

/**
 * PgBouncer 1.18 in transaction pooling mode in front of the rig's PostgreSQL, as a managed pooler would be:
 * stock settings (ignore_startup_parameters = extra_float_digits), trust auth from a user list.
 */
export class PgBouncer {
  private process: LoggedProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly configFile: string,
    private readonly logFile: string,
  ) {}

  static async start(dir: string, postgresPort: number, poolSize: number): Promise<PgBouncer> {
    const port = await freePort();
    const userList = join(dir, 'pgbouncer-users.txt');
    writeFileSync(userList, '"postgres" ""\n');
    const configFile = join(dir, 'pgbouncer.ini');
    writeFileSync(
      configFile,
      [
        '[databases]',
        `postgres = host=127.0.0.1 port=${postgresPort} dbname=postgres`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${port}`,
        'unix_socket_dir =',
        'auth_type = trust',
        `auth_file = ${userList}`,
        'admin_users = postgres',
        'pool_mode = transaction',
        'max_client_conn = 1000',
        `default_pool_size = ${poolSize}`,
        // Fail fast while PostgreSQL is down instead of queueing clients for the default 15 s.
        'server_login_retry = 1',
        'query_wait_timeout = 10',
        '',
      ].join('\n'),
    );
    const bouncer = new PgBouncer(port, configFile, join(dir, 'pgbouncer.log'));
    await bouncer.launch();
    return bouncer;
  }

  /** Where clients connect (the service's DATABASE_URL). */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Immediate shutdown (SIGTERM in 1.18): every client and server connection is dropped. */
  async stop(): Promise<void> {
    await this.process?.stop('SIGTERM');
    this.process = null;
  }

  /** For synchronous cleanup at process exit. */
  kill(): void {
    this.process?.child.kill('SIGKILL');
  }

  /** Starts (again) on the same port; returns once it accepts connections. */
  async launch(): Promise<void> {
    // PgBouncer refuses to run as root: -u drops to the postgres user after binding.
    const args = process.getuid?.() === 0 ? ['-u', 'postgres', this.configFile] : [this.configFile];
    const child = LoggedProcess.spawn(PGBOUNCER, args, this.logFile);
    this.process = child;
    await waitFor('PgBouncer accepting', async () => {
      if (!child.running) throw new GiveUp(`pgbouncer exited: ${child.log().slice(-2000)}`);
      return accepts(this.port);
    }, START_TIMEOUT_MS);
  }
}
