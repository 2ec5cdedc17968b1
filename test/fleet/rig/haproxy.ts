import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { HAPROXY } from './components';
import { accepts, freePort, GiveUp, LoggedProcess, waitFor } from './processes';

const START_TIMEOUT_MS = 15_000;

/** How HAProxy judges one backend server, from its stats CSV. */
export interface ServerState {
  readonly name: string;
  /** 'UP', 'DOWN', 'UP 1/2' (going down), 'DOWN 1/2' (coming up), 'DRAIN' (deregistered). */
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
    private readonly adminSocket: string,
  ) {}

  /** `port` is chosen by the caller: the instances need the public URL before HAProxy starts. */
  static async start(dir: string, port: number, instancePorts: readonly number[]): Promise<HaProxy> {
    const statsPort = await freePort();
    const configFile = join(dir, 'haproxy.cfg');
    const adminSocket = join(dir, 'haproxy.sock');
    const servers = instancePorts.map((p, i) => `  server i${i} 127.0.0.1:${p} check`);
    const failOpen = instancePorts.map((p, i) => `  server open${i} 127.0.0.1:${p} backup`);
    writeFileSync(
      configFile,
      [
        'global',
        '  maxconn 4096',
        `  stats socket ${adminSocket} mode 600 level admin`,
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
    const proxy = new HaProxy(port, statsPort, configFile, join(dir, 'haproxy.log'), adminSocket);
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

  /**
   * Deregisters an instance as a platform does before it stops a task behind an ALB (ECS: the target is
   * drained, then SIGTERM): no new request goes to it, requests in flight there finish. `ready` re-registers.
   */
  async setState(index: number, state: 'drain' | 'ready'): Promise<void> {
    const answer = await this.command(`set server instances/i${index} state ${state}`);
    if (answer.trim()) throw new Error(`haproxy refused to set i${index} ${state}: ${answer}`);
    if (state === 'drain') await waitFor(`HAProxy drains instance ${index}`, async () => (await this.servers()).find((s) => s.name === `i${index}`)?.status === 'DRAIN', 5_000);
  }

  /** One command on the runtime API (the admin socket); resolves to its answer. */
  private command(line: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(this.adminSocket);
      let answer = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
      socket.once('error', reject);
      socket.once('end', () => resolve(answer));
      socket.end(`${line}\n`);
    });
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
      if (!child.running) throw new GiveUp(`haproxy exited: ${child.log().slice(-2000)}`);
      return (await accepts(this.port)) && (await accepts(this.statsPort));
    }, START_TIMEOUT_MS);
  }
}
