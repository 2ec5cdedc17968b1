import { AddressInfo, createServer, Server, Socket, connect } from 'node:net';

/**
 * A loopback TCP proxy between the service and PostgreSQL that a test can break and heal:
 * - `cut()`: every open connection is reset and new ones are dropped at once (database down, refused);
 * - `blackhole()`: connections stay open but no byte passes either way (a partition: packets vanish);
 * - `restore()`: traffic flows again (bytes held during a blackhole are delivered, as TCP retransmission would);
 * - `failOver()`: new connections work, but those open now stay silent forever (a replaced primary whose
 *   old sockets never see a reset).
 * The listening port never changes, so the service keeps its DATABASE_URL throughout.
 */
export class TcpProxy {
  private mode: 'open' | 'cut' | 'blackhole' = 'open';
  private readonly pairs = new Set<ProxiedConnection>();

  private constructor(
    private readonly server: Server,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const server = createServer();
    const proxy = new TcpProxy(server, target);
    server.on('connection', (client) => proxy.accept(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The given PostgreSQL URL, pointed at this proxy instead. */
  rewrite(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  get openConnections(): number {
    return this.pairs.size;
  }

  cut(): void {
    this.mode = 'cut';
    for (const pair of this.pairs) pair.client.resetAndDestroy();
    this.pairs.clear();
  }

  blackhole(): void {
    this.mode = 'blackhole';
  }

  restore(): void {
    this.mode = 'open';
    for (const pair of this.pairs) pair.flush();
  }

  failOver(): void {
    for (const pair of this.pairs) pair.silenceForever();
    this.mode = 'open';
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    client.on('error', () => undefined);
    if (this.mode === 'cut') {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(this.target.port, this.target.host);
    upstream.on('error', () => undefined);
    const pair = new ProxiedConnection(client, upstream, () => this.mode === 'open');
    this.pairs.add(pair);
    pair.onClose(() => this.pairs.delete(pair));
  }
}

/** One client socket and its upstream; bytes are held (not dropped) while the proxy is blackholed. */
class ProxiedConnection {
  private readonly held: Array<{ to: Socket; chunk: Buffer }> = [];
  private silent = false;

  constructor(
    readonly client: Socket,
    readonly upstream: Socket,
    private readonly flowing: () => boolean,
  ) {
    client.on('data', (chunk) => this.forward(upstream, chunk));
    upstream.on('data', (chunk) => this.forward(client, chunk));
  }

  onClose(forget: () => void): void {
    const close = () => {
      forget();
      this.client.destroy();
      this.upstream.destroy();
    };
    this.client.on('close', close);
    this.upstream.on('close', close);
  }

  flush(): void {
    if (this.silent) return;
    for (const { to, chunk } of this.held.splice(0)) to.write(chunk);
  }

  silenceForever(): void {
    this.silent = true;
    this.held.length = 0;
  }

  private forward(to: Socket, chunk: Buffer): void {
    if (this.silent) return;
    if (this.flowing()) to.write(chunk);
    else this.held.push({ to, chunk });
  }
}
