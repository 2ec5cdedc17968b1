import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingComponents } from './components';
import { HaProxy } from './haproxy';
import { PgBouncer } from './pgbouncer';
import { PostgresCluster } from './postgres-cluster';
import { freePort } from './processes';
import { BUILT_MAIN, ServiceInstance } from './service-instance';

export interface FleetOptions {
  /** Instances of the built service (default 3). */
  readonly instances?: number;
  /** Extra service environment (throttles, Argon2 cost, ...), the same for every instance. */
  readonly env?: NodeJS.ProcessEnv;
  /** PgBouncer's server connections per database/user pair (default 20). */
  readonly poolSize?: number;
}

/**
 * A production-shaped fleet on loopback: its own PostgreSQL 15 cluster, PgBouncer in transaction pooling
 * mode in front of it, N instances of the built service (DATABASE_URL through PgBouncer; migrations and
 * LISTEN on direct connections) booting at the same moment, and HAProxy balancing them as an ALB does.
 * Everything lives in one temp directory and is torn down by stop(), also after a failed start.
 */
export class Fleet {
  readonly jwtSecret = randomBytes(48).toString('base64url');
  readonly instances: ServiceInstance[] = [];
  postgres: PostgresCluster | null = null;
  bouncer: PgBouncer | null = null;
  proxy: HaProxy | null = null;
  private readonly exitGuard = () => this.killSync();

  private constructor(readonly dir: string) {
    process.once('exit', this.exitGuard);
  }

  static async start(options: FleetOptions = {}): Promise<Fleet> {
    const missing = missingComponents();
    if (missing.length) throw new Error(`the fleet rig needs ${missing.join(', ')}`);
    if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run \`npm run build\` first`);
    const fleet = new Fleet(postgresOwnedTempDir());
    try {
      await fleet.boot(options);
      return fleet;
    } catch (error) {
      await fleet.stop();
      throw error;
    }
  }

  /** The public URL: HAProxy's frontend. */
  get url(): string {
    return this.proxy!.url;
  }

  instance(index: number): ServiceInstance {
    const found = this.instances[index];
    if (!found) throw new Error(`no instance ${index}`);
    return found;
  }

  kill(index: number): Promise<void> {
    return this.instance(index).kill();
  }

  terminate(index: number): Promise<number | null> {
    return this.instance(index).terminate();
  }

  /** Starts a stopped instance again on its port (with `env` changes, e.g. a new key) and waits until HAProxy routes to it. */
  async restart(index: number, env: NodeJS.ProcessEnv = {}): Promise<void> {
    const instance = this.instance(index);
    if (instance.running) await instance.terminate();
    instance.spawn(env);
    await instance.ready();
    await this.proxy!.setState(index, 'ready');
    await this.proxy!.waitUntilUp(index);
  }

  /**
   * One step of a rolling deploy as ECS runs it behind an ALB: deregister the instance (the balancer drains
   * it), then SIGTERM; resolves to the exit code. A bare SIGTERM (terminate) is what Kubernetes sends while
   * the endpoint removal is still propagating.
   */
  async deregisterAndTerminate(index: number): Promise<number | null> {
    await this.proxy!.setState(index, 'drain');
    return this.instance(index).terminate();
  }

  /**
   * Stops PgBouncer (immediate shutdown), runs `whileDown` (e.g. waiting until clients see the outage), then
   * starts it again on the same port. The instances are left alone: they must recover by themselves.
   */
  async restartPgBouncer(whileDown: () => Promise<void> = async () => undefined): Promise<void> {
    await this.bouncer!.stop();
    try {
      await whileDown();
    } finally {
      await this.bouncer!.launch();
    }
  }

  /** Stops PostgreSQL (fast shutdown), runs `whileDown`, then starts it again on the same port. */
  async restartPostgres(whileDown: () => Promise<void> = async () => undefined): Promise<void> {
    this.postgres!.stopFast();
    try {
      await whileDown();
    } finally {
      this.postgres!.start();
    }
  }

  /** Stops everything and removes the temp directory; safe to call twice or after a partial start. */
  async stop(): Promise<void> {
    await Promise.all(this.instances.map((i) => i.kill()));
    await this.proxy?.stop();
    await this.bouncer?.stop();
    this.postgres?.stop();
    // FLEET_KEEP_DIR=1 keeps the logs (instances, PgBouncer, HAProxy, PostgreSQL) for a post-mortem.
    if (process.env.FLEET_KEEP_DIR) process.stderr.write(`fleet logs kept in ${this.dir}\n`);
    else rmSync(this.dir, { recursive: true, force: true });
    process.off('exit', this.exitGuard);
  }

  private async boot(options: FleetOptions): Promise<void> {
    this.postgres = await PostgresCluster.create(this.dir);
    this.bouncer = await PgBouncer.start(this.dir, this.postgres.port, options.poolSize ?? 20);
    const proxyPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: this.bouncer.url,
      // Session-scoped work (the migrations' advisory lock, LISTEN) cannot go through transaction pooling.
      IDENTSPHERE_MIGRATIONS_DATABASE_URL: this.postgres.url,
      IDENTSPHERE_LISTEN_DATABASE_URL: this.postgres.url,
      IDENTSPHERE_PUBLIC_BASE_URL: `http://127.0.0.1:${proxyPort}`,
      IDENTSPHERE_TRUST_PROXY_HOPS: '1',
      IDENTSPHERE_JWT_SECRET: this.jwtSecret,
      IDENTSPHERE_MAIL_DISABLED: 'true',
      IDENTSPHERE_LOG_LEVEL: 'info',
      ...options.env,
    };
    const count = options.instances ?? 3;
    for (let i = 0; i < count; i++) this.instances.push(new ServiceInstance(i, await freePort(), { ...env }, this.dir));
    this.proxy = await HaProxy.start(this.dir, proxyPort, this.instances.map((i) => i.port));
    // All at once: the migrations race exactly as when a platform starts N fresh tasks.
    this.instances.forEach((i) => i.spawn());
    await Promise.all(this.instances.map((i) => i.ready()));
    await Promise.all(this.instances.map((i) => this.proxy!.waitUntilUp(i.index)));
  }

  /** Last resort when the test process exits without stop(): nothing may outlive it on the shared machine. */
  private killSync(): void {
    for (const i of this.instances) if (i.pid && i.running) process.kill(i.pid, 'SIGKILL');
    this.proxy?.kill();
    this.bouncer?.kill();
    this.postgres?.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A temp directory the postgres OS user owns (initdb and PgBouncer run as postgres when we are root). */
function postgresOwnedTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'identsphere-fleet-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  return dir;
}
