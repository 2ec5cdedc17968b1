import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HAPROXY } from './components';
import { accepts, freePort, LoggedProcess, waitFor } from './processes';

const START_TIMEOUT_MS = 15_000;

/** How HAProxy judges one backend server, from its stats CSV. */
export interface ServerState {
  readonly name: string;
  /** 'UP', 'DOWN', 'UP 1/2' (going down), 'DOWN 1/2' (coming up), 'no check' (the fail-open entries). */
  readonly status: string;
}

/**
 * HAProxy 2.6 in front of the instances, configured as an AWS ALB behaves:
 * - round robin; health checks on GET /health (readiness) every 500 ms, out after 2 failures, back after 2;
 * - X-Forwarded-For appended (the service trusts one hop);
 * - a request is retried on another instance only when the connection could not be made
 *   (`retry-on conn-failure`): a request that reached an instance is never replayed (a refresh rotates);
 * - fail-open: when every instance fails its check (PostgreSQL is down, so readiness is 503 everywhere), an
 *   ALB routes to all targets anyway. The `backup` entries (unchecked, used only when no checked one is up)
 *   do the same here, so clients get the service's own 503 `unavailable` with Retry-After.
 */
export class HaProxy {
  private process: LoggedProcess | null = null;

  private constructor(
    readonly port: number,
    readonly statsPort: number,
    private readonly configFile: string,
    private readonly logFile: string,
  ) {}

  /** `port` is chosen by the caller: the instances need the public URL before HAProxy starts. */
  static async start(dir: string, port: number, instancePorts: readonly number[]): Promise<HaProxy> {
    const statsPort = await freePort();
    const configFile = join(dir, 'haproxy.cfg');
    const servers = instancePorts.map((p, i) => `  server i${i} 127.0.0.1:${p} check`);
    const failOpen = instancePorts.map((p, i) => `  server open${i} 127.0.0.1:${p} backup`);
    writeFileSync(
      configFile,
      [
        'global',
        '  maxconn 4096',
        'defaults',
        '  mode http',
        '  timeout connect 2s',
        '  timeout client 60s',
        '  timeout server 60s',
        '  timeout http-keep-alive 60s',
        '  retries 2',
        '  retry-on conn-failure',
        '  option redispatch 1',
        'frontend fleet',
        `  bind 127.0.0.1:${port}`,
        '  option forwardfor',
        // Which instance answered, for the tests' routing assertions (an ALB has no equivalent; harmless).
        '  http-response set-header X-Fleet-Instance %[srv_name]',
        '  default_backend instances',
        'backend instances',
        '  balance roundrobin',
        '  option httpchk GET /health',
        '  http-check expect status 200',
        '  option allbackups',
        '  default-server inter 500ms fall 2 rise 2',
        ...servers,
        ...failOpen,
        'listen stats',
        `  bind 127.0.0.1:${statsPort}`,
        '  stats enable',
        '  stats uri /stats',
        '',
      ].join('\n'),
    );
    const proxy = new HaProxy(port, statsPort, configFile, join(dir, 'haproxy.log'));
    await proxy.launch();
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The checked instance entries (i0, i1, ...) as HAProxy currently sees them. */
  async servers(): Promise<ServerState[]> {
    const csv = await (await fetch(`http://127.0.0.1:${this.statsPort}/stats;csv`)).text();
    const [header, ...rows] = csv.split('\n').filter(Boolean);
    const columns = header.replace(/^# /, '').split(',');
    const [px, sv, status] = ['pxname', 'svname', 'status'].map((c) => columns.indexOf(c));
    return rows
      .map((r) => r.split(','))
      .filter((r) => r[px] === 'instances' && /^i\d+$/.test(r[sv]))
      .map((r) => ({ name: r[sv], status: r[status] }));
  }

  async waitUntilUp(index: number, timeoutMs = 20_000): Promise<void> {
    await waitFor(`HAProxy sees instance ${index} up`, async () => (await this.servers()).find((s) => s.name === `i${index}`)?.status === 'UP', timeoutMs);
  }

  async waitUntilDown(index: number, timeoutMs = 20_000): Promise<void> {
    await waitFor(`HAProxy sees instance ${index} down`, async () => /^(DOWN|MAINT)/.test((await this.servers()).find((s) => s.name === `i${index}`)?.status ?? ''), timeoutMs);
  }

  async stop(): Promise<void> {
    await this.process?.stop('SIGTERM');
    this.process = null;
  }

  kill(): void {
    this.process?.child.kill('SIGKILL');
  }

  private async launch(): Promise<void> {
    const child = LoggedProcess.spawn(HAPROXY, ['-db', '-f', this.configFile], this.logFile);
    this.process = child;
    await waitFor('HAProxy accepting', async () => {
      if (!child.running) throw new Error(`haproxy exited: ${child.log().slice(-2000)}`);
      return (await accepts(this.port)) && (await accepts(this.statsPort));
    }, START_TIMEOUT_MS);
  }
}
