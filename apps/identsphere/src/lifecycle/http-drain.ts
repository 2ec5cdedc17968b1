import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Drains one HTTP server: stop accepting connections, let in-flight requests finish, and close each
 * keep-alive socket as soon as it goes idle (Node would otherwise hold it for the whole keep-alive timeout).
 * Responses written while draining carry `Connection: close`, so clients and balancers do not reuse them.
 */
export class HttpDrain {
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;
  private onIdle: (() => void) | null = null;

  constructor(private readonly server: Server) {
    server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => this.track(res));
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Resolves true when every in-flight request finished in time, false when the deadline cut some off. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const finished = this.inFlight.size === 0 || (await this.idleWithin(timeoutMs));
    if (!finished) this.server.closeAllConnections();
    await closed;
    return finished;
  }

  private track(res: ServerResponse): void {
    this.inFlight.add(res);
    if (this.draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      this.inFlight.delete(res);
      if (!this.draining) return;
      // A response whose headers went out before draining began leaves a keep-alive socket behind; it is
      // idle only after this tick.
      setImmediate(() => this.server.closeIdleConnections());
      if (this.inFlight.size === 0) this.onIdle?.();
    });
  }

  private idleWithin(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.onIdle = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
}
