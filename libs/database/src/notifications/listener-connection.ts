import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '@identsphere/config';
import { DATABASE_MODE, DatabaseMode } from '../database-connector';
import { DatabaseNotifications } from './database-notifications';

/** Shown in pg_stat_activity, so operators (and tests) can tell the listener from the pool. */
export const LISTENER_APPLICATION_NAME = 'identsphere-listener';

export interface ListenerTiming {
  /** How often the idle listener proves its connection still answers. */
  readonly pingIntervalMs: number;
  /** No answer within this (to the ping or to connecting): the connection counts as lost. */
  readonly answerTimeoutMs: number;
  readonly firstRetryMs: number;
  readonly maxRetryMs: number;
}

/** The server process behind the listener, and the channels it listens on. */
interface ListenSession {
  readonly pid: number;
  readonly channels: readonly string[];
}

const listenSessionOf = async (client: Client): Promise<ListenSession> =>
  (await client.query<ListenSession>('SELECT pg_backend_pid() AS pid, array(SELECT pg_listening_channels()) AS channels')).rows[0];

const TIMING: ListenerTiming = { pingIntervalMs: 1_000, answerTimeoutMs: 1_000, firstRetryMs: 250, maxRetryMs: 5_000 };

/**
 * The instance's one LISTEN connection. It cannot come from the pool (a pooled connection changes hands,
 * and behind PgBouncer in transaction mode LISTEN is lost between statements), so it is a dedicated client
 * to IDENTSPHERE_LISTEN_DATABASE_URL (default DATABASE_URL), which must reach PostgreSQL directly.
 *
 * A lost connection (error, end, or a ping unanswered for `answerTimeoutMs`: a silent network) makes the
 * subscribers forget and stop trusting what they derive, until a new connection has re-issued its LISTENs;
 * reconnects back off from 250 ms to 5 s. On the embedded PGlite default there is no such connection: one
 * process owns the database, and its own pool connections report every change (NOTICE).
 */
@Injectable()
export class ListenerConnection implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DatabaseListener');
  private client: Client | null = null;
  private stopped = false;
  private retryMs: number;
  private retryTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private readonly timing: ListenerTiming;

  constructor(
    private readonly notifications: DatabaseNotifications,
    private readonly config: AppConfig,
    @Inject(DATABASE_MODE) private readonly mode: DatabaseMode,
  ) {
    this.timing = TIMING;
    this.retryMs = TIMING.firstRetryMs;
  }

  onApplicationBootstrap(): void {
    if (this.mode === 'embedded') return this.notifications.setListening(true);
    void this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const url = this.config.database.listenUrl ?? this.config.database.url;
    if (this.stopped || !url) return;
    const client = new Client({
      connectionString: url,
      application_name: LISTENER_APPLICATION_NAME,
      connectionTimeoutMillis: this.timing.answerTimeoutMs * 3,
      query_timeout: this.timing.answerTimeoutMs,
      keepAlive: true,
    });
    this.client = client;
    client.on('notification', (n) => this.notifications.deliver(n.channel, n.payload ?? ''));
    client.on('error', (error) => this.lost(client, error.message));
    client.on('end', () => this.lost(client, 'connection ended'));
    let session: ListenSession;
    try {
      await client.connect();
      for (const channel of this.notifications.channels) await client.query(`LISTEN "${channel}"`);
      session = await listenSessionOf(client);
      const problem = this.notHolding(session, session);
      if (problem) return this.lost(client, problem);
    } catch (error) {
      return this.lost(client, (error as Error).message);
    }
    if (this.client !== client) return;
    this.retryMs = this.timing.firstRetryMs;
    this.pingTimer = setInterval(() => void this.ping(client, session), this.timing.pingIntervalMs);
    this.pingTimer.unref();
    this.notifications.setListening(true);
    this.logger.log(`listening on ${this.notifications.channels.join(', ') || 'no channel'}`);
  }

  /**
   * The ping also proves the LISTEN still holds: through a transaction-mode pooler the statements of one
   * client land on changing server connections, LISTEN included, and notifications would be silently lost
   * while every ping answered. So the same backend must answer, still listening on every channel.
   */
  private async ping(client: Client, session: ListenSession): Promise<void> {
    try {
      const problem = this.notHolding(session, await listenSessionOf(client));
      if (problem) this.lost(client, problem);
    } catch (error) {
      this.lost(client, `ping failed: ${(error as Error).message}`);
    }
  }

  private notHolding(first: ListenSession, now: ListenSession): string | null {
    const missing = this.notifications.channels.filter((channel) => !now.channels.includes(channel));
    if (now.pid === first.pid && missing.length === 0) return null;
    return 'the LISTEN session did not hold (a transaction-mode pooler?): IDENTSPHERE_LISTEN_DATABASE_URL must reach PostgreSQL directly';
  }

  /** Once per client: stop trusting, drop the connection, and try again later. */
  private lost(client: Client, reason: string): void {
    if (this.client !== client) return;
    this.client = null;
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
    const wasListening = this.notifications.isListening;
    this.notifications.setListening(false);
    // Destroying the socket, not end(): a silent server would never answer a Terminate.
    (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    client.end().catch(() => undefined);
    if (this.stopped) return;
    if (wasListening || this.retryMs === this.timing.firstRetryMs) this.logger.warn(`listener connection lost (${reason}); liveness answers come from the database until it is back`);
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs * (0.75 + Math.random() / 2));
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, this.timing.maxRetryMs);
  }
}
