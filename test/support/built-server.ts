import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';

/** The compiled service, as the container runs it (`npm test` builds it first). */
export const REPO_ROOT = join(__dirname, '..', '..');
export const BUILT_MAIN = 'dist/apps/identsphere/src/main.js';

export interface LogLine {
  readonly level?: string;
  readonly msg?: string;
  readonly context?: string;
  readonly [field: string]: unknown;
}

export interface BuiltServer {
  readonly port: number;
  readonly baseUrl: string;
  readonly child: ChildProcess;
  /** Parsed JSON log lines so far (stdout). */
  readonly logs: LogLine[];
  /** Everything the process wrote, for failure messages. */
  output(): string;
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves when the process ends. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface StartBuiltServerOptions {
  readonly env: Record<string, string>;
  /** Directory holding dist/ and node_modules/ (the repository by default). */
  readonly cwd?: string;
  readonly readyTimeoutMs?: number;
}

/** Starts the built server as a child process on a free port and waits until it listens. */
export async function startBuiltServer(options: StartBuiltServerOptions): Promise<BuiltServer> {
  const cwd = options.cwd ?? REPO_ROOT;
  if (!existsSync(join(cwd, BUILT_MAIN))) throw new Error(`${join(cwd, BUILT_MAIN)} is missing: run \`npm run build\` first`);
  const port = await freePort();
  const child = spawn(process.execPath, [BUILT_MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let raw = '';
  const listeners = new Set<() => void>();
  let pending = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    raw += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line));
      } catch {
        // not a JSON line; kept in raw output
      }
    }
    listeners.forEach((l) => l());
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const waitForLog = (predicate: (line: LogLine) => boolean, timeoutMs = 30_000) =>
    new Promise<LogLine>((resolve, reject) => {
      const check = () => {
        const found = logs.find(predicate);
        if (!found) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`log line not seen within ${timeoutMs} ms; output:\n${raw.slice(-4000)}`));
      }, timeoutMs);
      const onExit = () => {
        cleanup();
        reject(new Error(`process exited before the log line; output:\n${raw.slice(-4000)}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
        child.off('exit', onExit);
      };
      listeners.add(check);
      child.once('exit', onExit);
      check();
    });

  const server: BuiltServer = {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    logs,
    output: () => raw,
    waitForLog,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  try {
    await waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('IdentSphere listening'), options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
