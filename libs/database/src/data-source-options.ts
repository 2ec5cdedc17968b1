import { Logger } from '@nestjs/common';
import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import type { MigrationInterface, MixedList } from 'typeorm';
import { DATABASE_TIMEOUTS, EMBEDDED_DATABASE_TIMEOUTS } from './database-timeouts';
import { TimeoutAwarePgClient } from './timeout-aware-pg-client';

// Pool tuning for real PostgreSQL. Connections are kept open (min = max): opening one costs a SCRAM
// handshake on the libuv pool, which stalls for seconds behind Argon2 work during a login storm.
const POOL_SIZE = 10;

/** A migration class, as TypeORM instantiates it. */
export type MigrationClass = new () => MigrationInterface;

export interface DataSourceOptionsInput {
  readonly url: string;
  readonly embedded: boolean;
  /**
   * A one-off administrative run (`cli.js migrate`): statements may legitimately run for minutes (an index
   * build on a large table), so no statement or query timeout; nobody waits on an HTTP answer.
   */
  readonly longStatements?: boolean;
  readonly migrations: MixedList<MigrationClass>;
}

export function buildDataSourceOptions(input: DataSourceOptionsInput): TypeOrmModuleOptions {
  const logger = new Logger('Database');
  const timeouts = input.embedded ? EMBEDDED_DATABASE_TIMEOUTS : DATABASE_TIMEOUTS;
  return {
    type: 'postgres',
    url: input.url,
    synchronize: false,
    migrationsRun: false,
    migrations: input.migrations,
    migrationsTableName: 'schema_migrations',
    autoLoadEntities: true,
    // The connector initializes (and re-tries) so the process can boot while PostgreSQL is down.
    manualInitialization: true,
    installExtensions: false,
    logging: false,
    poolErrorHandler: (error: Error) => logger.warn(`idle database connection failed: ${error.message}`),
    extra: {
      Client: TimeoutAwarePgClient,
      max: input.embedded ? 1 : POOL_SIZE,
      min: input.embedded ? 0 : POOL_SIZE,
      connectionTimeoutMillis: timeouts.checkoutMs,
      idleTimeoutMillis: 600_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      // A startup parameter only for the embedded PGlite session: PgBouncer refuses unknown startup parameters,
      // so against a real server the bound is the role's default for the database, which the migrations set
      // (migrator.ts), and the one-off migrate sets its own with SET LOCAL.
      ...(input.embedded ? { statement_timeout: input.longStatements ? 0 : timeouts.statementMs } : {}),
      query_timeout: input.longStatements ? undefined : timeouts.queryMs,
      application_name: 'identsphere',
    },
  };
}
