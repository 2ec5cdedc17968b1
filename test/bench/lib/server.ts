import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { BenchHttpClient, sleep } from './http-client';

export interface ServerOptions {
  /** The built entry point, dist/apps/identsphere/src/main.js. */
  readonly entry: string;
  readonly env: NodeJS.ProcessEnv;
  readonly port: number;
  /** JSON log lines go here (a file, not a pipe: a full pipe would block pino's synchronous writes). */
  readonly logFile: string;
  /** Write a V8 CPU profile into this directory when the server exits. */
  readonly cpuProfileDir?: string;
  /** Polled until it answers 200; default `/health`. */
  readonly readyPath?: string;
  /** Called once the process exists, before it is ready (e.g. to sample its RSS during boot). */
  readonly onSpawn?: (server: ServerProcess) => void;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/** The built service as a child process that cannot outlive the bench. */
export class ServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: URL,
    readonly logFile: string,
    private readonly exited: Promise<number | null>,
    private readonly readyPath: string,
    private readonly spawnedAt: number,
  ) {}

  /** Time from spawning the process to its first 200 on the ready path, in ms (±100 ms polling). */
  bootMs = Number.NaN;

  static async start(options: ServerOptions): Promise<ServerProcess> {
    const log = openSync(options.logFile, 'a');
    const args = [
      ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
      '--require',
      join(__dirname, 'die-with-parent.js'),
      options.entry,
    ];
    const spawnedAt = Date.now();
    const child = spawn(process.execPath, args, { env: { ...options.env, PORT: String(options.port) }, stdio: ['ignore', log, log] });
    closeSync(log);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const server = new ServerProcess(child, new URL(`http://127.0.0.1:${options.port}`), options.logFile, exited, options.readyPath ?? '/health', spawnedAt);
    options.onSpawn?.(server);
    await server.waitUntilReady();
    return server;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resident set size from /proc, in MiB (Linux only; NaN elsewhere). */
  rssMiB(): number {
    try {
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return match ? Number(match[1]) / 1024 : Number.NaN;
    } catch {
      return Number.NaN;
    }
  }

  /**
   * CPU time the server has used so far, in ms (Linux /proc; NaN elsewhere): the whole process, and its
   * main (event-loop) thread alone. Per-request CPU is a steadier efficiency measure than req/s on a
   * machine whose cores are shared with other work.
   */
  cpuMs(): { process: number; mainThread: number } {
    return { process: cpuOf(`/proc/${this.pid}/stat`), mainThread: cpuOf(`/proc/${this.pid}/task/${this.pid}/stat`) };
  }

  /** SIGTERM (graceful drain; a --cpu-prof profile is written on exit), SIGKILL if it lingers. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const code = await Promise.race([this.exited, sleep(STOP_TIMEOUT_MS).then(() => 'timeout' as const)]);
    if (code === 'timeout') {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  /** Synchronous last resort for process 'exit' handlers. */
  killNow(): void {
    if (this.running) this.child.kill('SIGKILL');
  }

  logTail(lines = 20): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  private async waitUntilReady(): Promise<void> {
    const client = new BenchHttpClient(this.baseUrl, 1, 2_000);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    try {
      while (Date.now() < deadline) {
        if (!this.running) throw new Error(`the server exited during boot (code ${this.child.exitCode}):\n${this.logTail()}`);
        const ok = await client.send({ method: 'GET', path: this.readyPath }).then((r) => r.status === 200, () => false);
        if (ok) {
          this.bootMs = Date.now() - this.spawnedAt;
          return;
        }
        await sleep(100);
      }
      throw new Error(`the server was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${this.logTail()}`);
    } finally {
      client.close();
    }
  }
}

// utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (USER_HZ, 100 on Linux).
const TICK_MS = 10;
/** CPU time of a process so far in ms, NaN when unreadable (another OS, or a remote database server). */
export const processCpuMs = (pid: number) => cpuOf(`/proc/${pid}/stat`);
function cpuOf(statFile: string): number {
  try {
    const fields = readFileSync(statFile, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}

/** A port that was free a moment ago on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Samples a value every `intervalMs` until stopped (e.g. the server's RSS during a scenario). */
export class Sampler {
  readonly samples: number[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(read: () => number, intervalMs = 100) {
    const take = () => {
      const value = read();
      if (Number.isFinite(value)) this.samples.push(value);
    };
    take();
    this.timer = setInterval(take, intervalMs);
  }

  stop(): number[] {
    clearInterval(this.timer);
    return this.samples;
  }
}
