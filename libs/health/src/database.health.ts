import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DATABASE_TIMEOUTS, DatabaseConnector } from '@identsphere/database';

// Below 1 s so that the whole readiness answer, HTTP work included, stays within 1 s.
const PING_TIMEOUT_MS = DATABASE_TIMEOUTS.healthPingMs;

/** Readiness of PostgreSQL: a `SELECT 1` that must answer within the ping timeout, or the instance is not ready. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly connector: DatabaseConnector,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async ping(key = 'database') {
    const indicator = this.indicators.check(key);
    if (!this.connector.isReady || !this.dataSource.isInitialized) return indicator.down({ message: 'not connected' });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), PING_TIMEOUT_MS)));
    try {
      const outcome = await Promise.race([this.dataSource.query('SELECT 1').then(() => 'up' as const), timeout]);
      return outcome === 'up' ? indicator.up() : indicator.down({ message: 'ping timed out' });
    } catch {
      return indicator.down({ message: 'ping failed' });
    } finally {
      clearTimeout(timer);
    }
  }
}
