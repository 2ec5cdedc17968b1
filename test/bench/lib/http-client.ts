import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface HttpResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  /** Wall time from sending the request to the last byte of the response, in ms. */
  readonly ms: number;
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly json?: unknown;
}

/**
 * A small keep-alive HTTP/1.1 client for the closed-loop scenarios (login storm, probes, setup). Each
 * instance owns its agent, so a probe never queues behind the storm's sockets.
 */
export class BenchHttpClient {
  private readonly agent: Agent;

  constructor(
    private readonly baseUrl: URL,
    maxSockets: number,
    private readonly timeoutMs = 30_000,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  send(req: HttpRequest): Promise<HttpResult> {
    const body = req.json === undefined ? undefined : JSON.stringify(req.json);
    const headers: Record<string, string> = { ...req.headers };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const r = request(
        { host: this.baseUrl.hostname, port: this.baseUrl.port, method: req.method, path: req.path, headers, agent: this.agent, timeout: this.timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }),
          );
        },
      );
      r.on('timeout', () => r.destroy(new Error(`timeout after ${this.timeoutMs} ms: ${req.method} ${req.path}`)));
      r.on('error', reject);
      r.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Parses a JSON body, naming the request in the error when it is not JSON. */
export function jsonOf<T>(result: HttpResult, what: string): T {
  try {
    return JSON.parse(result.body) as T;
  } catch {
    throw new Error(`${what}: expected JSON, got status ${result.status}`);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
