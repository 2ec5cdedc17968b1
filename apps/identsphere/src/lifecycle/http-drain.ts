import { Server as NetServer, Socket } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

// How long a connection that has not started a request yet may stay open once draining began. A client
// that connected just before the signal has usually sent its request already: the bytes sit in the kernel
// and are read within an event-loop turn or two, even on a busy process. A connection that stays silent
// this long (a balancer's pre-opened socket) carries nothing to lose.
export const FRESH_CONNECTION_GRACE_MS = 2_000;
// The most a drain spends accepting connections that were already queued when it began.
const ACCEPT_QUEUE_BUDGET_MS = 1_000;

interface ConnectionState {
  /** Requests received and not yet answered (more than one when a client pipelines). */
  active: number;
  /** Whether a response has completed here: the socket then sits between keep-alive requests. */
  served: boolean;
}

export interface HttpDrainOptions {
  readonly freshConnectionGraceMs?: number;
}

/**
 * Drains one HTTP server: stop accepting connections, let in-flight requests finish, and close each
 * keep-alive socket as soon as it goes idle (Node would otherwise hold it for the whole keep-alive timeout).
 * Responses written while draining carry `Connection: close`, so clients and balancers do not reuse them.
 *
 * Why not `server.close()` + `closeIdleConnections()`: both lose requests whose bytes already reached the
 * machine. Closing the listening socket makes the kernel reset every connection still in its accept
 * queue, and Node accepts only one queued connection per event-loop turn, so a burst of new connections
 * is mostly still queued when the signal arrives. And Node counts a keep-alive socket whose next request
 * is still unread in the kernel buffer as idle. Here the drain first lets the loop accept and read what
 * is queued; a socket is idle only once it has answered a request, and one that never started a request
 * gets a short grace to do so.
 */
export class HttpDrain {
  private readonly inFlight = new Set<ServerResponse>();
  private readonly connections = new Map<Socket, ConnectionState>();
  private readonly freshGraceMs: number;
  private draining = false;
  private accepted = 0;
  private markStoppedAccepting: () => void = () => undefined;
  /** Settles once the listening socket is closed: from then on new connections are refused. */
  readonly stoppedAccepting = new Promise<void>((resolve) => (this.markStoppedAccepting = resolve));

  constructor(
    private readonly server: Server,
    options: HttpDrainOptions = {},
  ) {
    this.freshGraceMs = options.freshConnectionGraceMs ?? FRESH_CONNECTION_GRACE_MS;
    server.on('connection', (socket: Socket) => this.trackConnection(socket));
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => this.trackRequest(req.socket, res));
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Resolves true when every connection finished in time, false when the deadline cut some off. */
  async drain(timeoutMs: number): Promise<boolean> {
    const startedAt = Date.now();
    this.draining = true;
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    await this.acceptQueuedConnections(Math.min(ACCEPT_QUEUE_BUDGET_MS, timeoutMs));
    const remainingMs = Math.max(0, timeoutMs - (Date.now() - startedAt));
    const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(this.server, () => resolve()));
    this.markStoppedAccepting();
    for (const [socket, state] of this.connections) if (state.served && state.active === 0) socket.destroy();
    const freshTimer = setTimeout(() => this.closeSilentConnections(), Math.min(this.freshGraceMs, remainingMs));
    const finished = await within(closed, remainingMs);
    clearTimeout(freshTimer);
    if (!finished) for (const socket of this.connections.keys()) socket.destroy();
    await closed;
    return finished;
  }

  /**
   * Closing the listening socket makes the kernel reset every connection still in its accept queue, with
   * requests the clients already sent. Node accepts one queued connection per event-loop turn, so turns
   * run until one passes without a new connection.
   */
  private async acceptQueuedConnections(budgetMs: number): Promise<void> {
    const until = Date.now() + budgetMs;
    for (let before = -1; before !== this.accepted && Date.now() < until; ) {
      before = this.accepted;
      await afterNextPoll();
    }
  }

  private trackConnection(socket: Socket): void {
    this.accepted++;
    this.connections.set(socket, { active: 0, served: false });
    socket.once('close', () => this.connections.delete(socket));
  }

  private trackRequest(socket: Socket, res: ServerResponse): void {
    const state = this.connections.get(socket);
    if (state) state.active++;
    this.inFlight.add(res);
    if (this.draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      this.inFlight.delete(res);
      if (!state) return;
      state.active--;
      state.served = true;
      // A response whose headers went out before draining began leaves a keep-alive socket behind (the
      // others carry Connection: close, and Node is already ending their socket).
      if (this.draining) setImmediate(() => state.active === 0 && !socket.writableEnded && socket.destroy());
    });
  }

  private closeSilentConnections(): void {
    for (const [socket, state] of this.connections) if (state.active === 0) socket.destroy();
  }
}

/** Resolves after the event loop has polled for I/O at least once (the second check phase from now). */
function afterNextPoll(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

async function within(done: Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([done.then(() => true as const), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
