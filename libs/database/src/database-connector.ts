import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '@identsphere/config';
import { DATABASE_TIMEOUTS } from './database-timeouts';
import { migrationRunFor, runMigrations } from './migrator';

export const DATABASE_MODE = Symbol('DATABASE_MODE');
export type DatabaseMode = 'embedded' | 'external';

/** The pg pool behind TypeORM, as metrics see it. */
export interface PoolStats {
  readonly total: number;
  readonly idle: number;
  /** Checkouts queued for a free connection. */
  readonly waiting: number;
  readonly max: number;
}

interface PgPoolLike {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options: { readonly max: number };
  end(): Promise<void>;
}

// TypeORM internals this class relies on (stable across 0.3 and 1.x): the postgres driver keeps its pg
// Pool in `master`, and the metadata builder is a protected method of DataSource.
type DriverInternals = { master?: PgPoolLike };
type DataSourceInternals = { buildMetadatas(): Promise<void> };

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
    private readonly config: AppConfig,
  ) {}

  get isReady(): boolean {
    return this.ready;
  }

  /** The live pool's counters, or null while not connected. */
  poolStats(): PoolStats | null {
    const pool = (this.dataSource.driver as unknown as DriverInternals).master;
    if (!this.dataSource.isInitialized || !pool) return null;
    return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max };
  }

  async onModuleInit(): Promise<void> {
    // Entity metadata normally appears only once a connection succeeds; built now, a request that needs the
    // database while it is still unreachable fails as "not connected" (503 unavailable), not "no metadata" (500).
    await (this.dataSource as unknown as DataSourceInternals).buildMetadatas();
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
      if (this.mode === 'embedded') {
        if (!this.dataSource.isInitialized) await this.dataSource.initialize();
        await runMigrations(this.dataSource, migrationRunFor(this.config, false));
      } else {
        // Before the pool opens: its connections then start with the role's statement timeout in place.
        await this.migrateOnOwnConnection();
        if (!this.dataSource.isInitialized) await this.dataSource.initialize();
        await this.checkStatementTimeout();
      }
      this.ready = true;
      this.logger.log(`connected (${this.mode})`);
      return true;
    } catch (error) {
      this.logger.warn(`database not reachable yet: ${(error as Error).message}`);
      if (this.dataSource.isInitialized) await this.dataSource.destroy().catch(() => undefined);
      else await this.endOrphanedPool();
      return false;
    }
  }

  /** IDENTSPHERE_MIGRATIONS_DATABASE_URL (a direct connection behind a pooler), or DATABASE_URL. */
  private async migrateOnOwnConnection(): Promise<void> {
    const options = this.dataSource.options as DataSourceOptions & { extra?: Record<string, unknown> };
    const url = this.config.database.migrationsUrl ?? this.config.database.url!;
    const migrations = new DataSource({ ...options, url, entities: [], extra: { ...options.extra, max: 1, min: 0 } } as DataSourceOptions);
    await migrations.initialize();
    try {
      await runMigrations(migrations, migrationRunFor(this.config, false));
    } finally {
      await migrations.destroy().catch(() => undefined);
    }
  }

  /** Says so when pooled connections are not bounded server-side (the role's default could not be set). */
  private async checkStatementTimeout(): Promise<void> {
    const [row] = await this.dataSource.query('SHOW statement_timeout');
    const wanted = `${DATABASE_TIMEOUTS.statementMs}ms`;
    if (row?.statement_timeout !== wanted) {
      this.logger.warn(`statement_timeout on pooled connections is ${row?.statement_timeout}, not ${wanted}: slow statements are only abandoned client-side (docs/deploy.md, "Connection poolers")`);
    }
  }

  /** A failure after the driver created its pool but before TypeORM counted as initialized leaves the pool open. */
  private async endOrphanedPool(): Promise<void> {
    const driver = this.dataSource.driver as unknown as DriverInternals;
    const pool = driver.master;
    if (!pool) return;
    driver.master = undefined;
    await pool.end().catch(() => undefined);
  }

  private scheduleRetry(): void {
    if (this.stopped || this.ready) return;
    this.retryTimer = setTimeout(() => {
      void this.connectOnce().then((connected) => {
        if (!connected) this.scheduleRetry();
      });
    }, RETRY_DELAY_MS);
    this.retryTimer.unref();
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
