import { DataSource, DataSourceOptions } from 'typeorm';
import { buildDataSourceOptions, EmbeddedPostgres } from '@identsphere/database';
import { ALL_MIGRATIONS } from '../../migrations';
import { TestDatabase } from './test-database';

export interface MigrationDataSource {
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

/** A bare, initialized DataSource with the service's options and every migration, on a test database. */
export async function openMigrationDataSource(db: TestDatabase): Promise<MigrationDataSource> {
  const embedded = db.url ? null : await EmbeddedPostgres.start(db.env.IDENTSPHERE_DATA_DIR);
  const url = db.url ?? embedded!.url;
  const dataSource = new DataSource(buildDataSourceOptions({ url, embedded: embedded !== null, migrations: ALL_MIGRATIONS }) as DataSourceOptions);
  await dataSource.initialize();
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
