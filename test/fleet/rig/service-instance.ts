import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GiveUp, LoggedProcess, REPO_ROOT, waitFor } from './processes';

export const BUILT_MAIN = join(REPO_ROOT, 'dist/apps/identsphere/src/main.js');
const READY_TIMEOUT_MS = 60_000;

// Preloaded into every instance (node --require): an instance whose parent died without cleaning up (a
// SIGKILLed jest worker) notices it was re-parented and exits instead of lingering on the shared machine.
const DIE_WITH_PARENT = `const parent = process.ppid;
setInterval(() => { if (process.ppid !== parent) process.exit(1); }, 500).unref();
`;

/** One instance of the built service on a fixed port (a restart comes back where HAProxy expects it). */
export class ServiceInstance {
  private process: LoggedProcess | null = null;
  private readonly preload: string;

  constructor(
    readonly index: number,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly dir: string,
  ) {
    this.preload = join(dir, 'die-with-parent.js');
    writeFileSync(this.preload, DIE_WITH_PARENT);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.process?.running ?? false;
  }

  get pid(): number | undefined {
    return this.process?.child.pid;
  }

  /** Everything the instance logged, over all its lives. */
  log(): string {
    return this.process?.log() ?? '';
  }

  /** Spawns the process; `ready()` waits for it. Separate so that several instances boot at the same moment. */
  spawn(envOverrides: NodeJS.ProcessEnv = {}): void {
    if (this.running) throw new Error(`instance ${this.index} is already running`);
    Object.assign(this.env, envOverrides);
    this.process = LoggedProcess.spawn(process.execPath, ['--require', this.preload, BUILT_MAIN], join(this.dir, `instance-${this.index}.log`), {
      ...this.env,
      PORT: String(this.port),
    });
  }

  /** Waits until readiness answers 200 (migrated, database reachable). */
  async ready(): Promise<void> {
    const child = this.process;
    if (!child) throw new Error(`instance ${this.index} was never started`);
    await waitFor(`instance ${this.index} ready`, async () => {
      if (!child.running) throw new GiveUp(`instance ${this.index} exited: ${child.log().slice(-3000)}`);
      const res = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      return res.status === 200;
    }, READY_TIMEOUT_MS, 200);
  }

  /** SIGKILL: a crash, an OOM kill. */
  async kill(): Promise<void> {
    await this.process?.stop('SIGKILL');
  }

  /** SIGTERM (a rolling deploy) and wait for the exit; resolves to the exit code. */
  async terminate(): Promise<number | null> {
    const child = this.process;
    if (!child?.running) return null;
    child.child.kill('SIGTERM');
    return (await child.exited).code;
  }
}
