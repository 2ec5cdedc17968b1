import { Logger } from '@nestjs/common';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '@identsphere/config';
import { buildDataSourceOptions, EmbeddedPostgres, migrationRunFor, runMigrations } from '@identsphere/database';
import { ALL_MIGRATIONS } from '../../../../migrations';
import { CliIo } from './load-config-or-exit';

/**
 * `cli.js migrate`: applies pending migrations and exits, for an ECS one-off task before a rollout.
 *
 * It builds a bare DataSource from the same options the service uses instead of booting the Nest
 * module: the service's connector retries in the background when PostgreSQL is down (right for a
 * server), while a one-off task must fail at once with the reason and a non-zero exit.
 */
export async function migrateCommand(config: AppConfig, io: CliIo): Promise<number> {
  let embedded: EmbeddedPostgres | null = null;
  let dataSource: DataSource | null = null;
  try {
    if (!config.database.url) embedded = await EmbeddedPostgres.start(config.dataDir);
    const url = config.database.migrationsUrl ?? config.database.url ?? embedded!.url;
    dataSource = new DataSource(buildDataSourceOptions({ url, embedded: embedded !== null, migrations: ALL_MIGRATIONS, longStatements: true }) as DataSourceOptions);
    await dataSource.initialize();
    const applied = await runMigrations(dataSource, migrationRunFor(config, true), new Logger('Migrations'));
    io.out(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'No pending migrations.');
    return 0;
  } catch (error) {
    io.err(`Migration failed: ${(error as Error).message}`);
    return 1;
  } finally {
    if (dataSource?.isInitialized) await dataSource.destroy().catch(() => undefined);
    await embedded?.stop();
  }
}
