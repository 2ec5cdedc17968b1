import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runMigrations } from './migrator';

export const DATABASE_MODE = Symbol('DATABASE_MODE');
export type DatabaseMode = 'embedded' | 'external';

const FIRST_ATTEMPT_BUDGET_MS = 10_000;
const RETRY_DELAY_MS = 2_000;

/**
 * Connects and migrates. If PostgreSQL is down at boot the process still starts (liveness 200,
 * readiness 503) and keeps retrying in the background until the database appears.
 */
@Injectable()
export class DatabaseConnector implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private ready = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private attempt: Promise<boolean> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_MODE) private readonly mode: DatabaseMode,
  ) {}

  get isReady(): boolean {
    return this.ready;
  }

  async onModuleInit(): Promise<void> {
    const connected = await Promise.race([this.connectOnce(), delay(FIRST_ATTEMPT_BUDGET_MS).then(() => false)]);
    if (!connected) this.scheduleRetry();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private connectOnce(): Promise<boolean> {
    this.attempt ??= this.tryConnect().finally(() => (this.attempt = null));
    return this.attempt;
  }

  private async tryConnect(): Promise<boolean> {
    try {
      if (!this.dataSource.isInitialized) await this.dataSource.initialize();
      await runMigrations(this.dataSource, { lock: this.mode === 'external' });
      this.ready = true;
      this.logger.log(`connected (${this.mode})`);
      return true;
    } catch (error) {
      this.logger.warn(`database not reachable yet: ${(error as Error).message}`);
      if (this.dataSource.isInitialized) await this.dataSource.destroy().catch(() => undefined);
      return false;
    }
  }

  private scheduleRetry(): void {
    if (this.stopped || this.ready) return;
    this.retryTimer = setTimeout(async () => {
      if (!(await this.connectOnce())) this.scheduleRetry();
    }, RETRY_DELAY_MS);
    this.retryTimer.unref();
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
