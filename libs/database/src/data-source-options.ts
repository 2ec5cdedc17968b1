import { Logger } from '@nestjs/common';
import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import type { MixedList } from 'typeorm';
import { TimeoutAwarePgClient } from './timeout-aware-pg-client';

// Pool tuning for real PostgreSQL. Connections are kept open (min = max): opening one costs a SCRAM
// handshake on the libuv pool, which stalls for seconds behind Argon2 work during a login storm.
const POOL_SIZE = 10;

export interface DataSourceOptionsInput {
  readonly url: string;
  readonly embedded: boolean;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: MixedList<Function>;
}

export function buildDataSourceOptions(input: DataSourceOptionsInput): TypeOrmModuleOptions {
  const logger = new Logger('Database');
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
      connectionTimeoutMillis: 3_000,
      idleTimeoutMillis: 600_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      // Server-side bound on any statement, and a client-side bound slightly above it for a hung socket.
      statement_timeout: 5_000,
      query_timeout: 6_000,
      application_name: 'identsphere',
    },
  };
}
