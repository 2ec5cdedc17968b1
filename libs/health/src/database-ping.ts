import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DATABASE_TIMEOUTS, DatabaseConnector } from '@identsphere/database';

/** How often the background ping asks PostgreSQL `SELECT 1`. */
export const PING_INTERVAL_MS = 250;
// Below 1 s so that readiness turns 503 within 1 s of a database loss: a ping that starts at most one
// interval after the loss is judged lost this long after it started (250 + 700 = 950 ms).
const PING_TIMEOUT_MS = DATABASE_TIMEOUTS.healthPingMs;

export type DatabaseStatus = { readonly up: true } | { readonly up: false; readonly message: string };

/**
 * Readiness of PostgreSQL, kept fresh by a background ping through the pool rather than paid for by each
 * probe: a load balancer polling /health every second from many nodes (and a bench hammering it) costs no
 * database round trip per probe, and the answer is never older than one interval. Down when not connected,
 * when the last ping failed, or when the ping in flight has waited longer than the timeout (so a silent
 * database shows before the ping gives up).
 */
@Injectable()
export class DatabasePing implements OnApplicationBootstrap, OnApplicationShutdown {
  private last: DatabaseStatus = { up: false, message: 'not checked yet' };
  private pendingSince: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly connector: DatabaseConnector,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The first ping runs before the app serves, so the first probe already has an answer. */
  async onApplicationBootstrap(): Promise<void> {
    await this.tick();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /**
   * A request just failed on the database (refused, reset, silent): readiness says so at once instead of at
   * the next ping, which brings it back up as soon as PostgreSQL answers again.
   */
  reportUnavailable(): void {
    if (this.connected) this.last = { up: false, message: 'a request found the database unavailable' };
  }

  status(): DatabaseStatus {
    if (!this.connected) return { up: false, message: 'not connected' };
    if (this.pendingSince !== null && performance.now() - this.pendingSince > PING_TIMEOUT_MS) return { up: false, message: 'ping timed out' };
    return this.last;
  }

  private get connected(): boolean {
    return this.connector.isReady && this.dataSource.isInitialized;
  }

  private async tick(): Promise<void> {
    if (this.connected) this.last = await this.ping();
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), PING_INTERVAL_MS);
    this.timer.unref();
  }

  private async ping(): Promise<DatabaseStatus> {
    this.pendingSince = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), PING_TIMEOUT_MS)));
    try {
      const outcome = await Promise.race([this.dataSource.query('SELECT 1').then(() => 'up' as const), timeout]);
      return outcome === 'up' ? { up: true } : { up: false, message: 'ping timed out' };
    } catch {
      return { up: false, message: 'ping failed' };
    } finally {
      clearTimeout(timer);
      this.pendingSince = null;
    }
  }
}
