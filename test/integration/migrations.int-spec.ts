import { DataSource } from 'typeorm';
import { runMigrations } from '@identsphere/database';
import { ALL_MIGRATIONS } from '../../migrations';
import { openMigrationDataSource } from '../support/migration-data-source';
import { snapshotSchema } from '../support/schema-snapshot';
import { startTestApp } from '../support/test-app';
import { createTestDatabase, describePg, TestDatabase } from '../support/test-database';

const ALL_NAMES = ALL_MIGRATIONS.map((m) => m.name);

// Foreign keys declared only in migrations: sibling libs never import each other's entities, so no entity
// declares e.g. the sessions -> users relation, and TypeORM's schema diff would drop it. The documented
// exceptions; anything else the diff proposes is drift between entities and migrations.
const DB_ONLY_FOREIGN_KEYS = ['FK_sessions_user', 'FK_one_time_tokens_user', 'FK_one_time_tokens_session', 'FK_totp_factors_user', 'FK_recovery_codes_user', 'FK_user_identities_user'];

const appliedNames = async (dataSource: DataSource) =>
  ((await dataSource.query('SELECT name FROM schema_migrations ORDER BY id')) as Array<{ name: string }>).map((r) => r.name);

describe('migrations', () => {
  let db: TestDatabase;
  beforeEach(async () => (db = await createTestDatabase({ schema: 'empty' })));
  afterEach(() => db.drop());

  it('apply up, revert down to an empty schema, and apply up again to the same schema', async () => {
    const { dataSource, close } = await openMigrationDataSource(db);
    try {
      await dataSource.showMigrations(); // creates only the migrations table: the baseline
      const empty = await snapshotSchema(dataSource);

      expect((await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(ALL_NAMES);
      const migrated = await snapshotSchema(dataSource);
      expect(migrated.relations.length).toBeGreaterThan(empty.relations.length);

      for (const _ of ALL_MIGRATIONS) await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await appliedNames(dataSource)).toEqual([]);
      expect(await snapshotSchema(dataSource)).toEqual(empty);

      await dataSource.runMigrations({ transaction: 'each' });
      expect(await appliedNames(dataSource)).toEqual(ALL_NAMES);
      expect(await snapshotSchema(dataSource)).toEqual(migrated);
    } finally {
      await close();
    }
  });

  it('leave no drift between the entities and the migrated schema', async () => {
    const t = await startTestApp({ db });
    try {
      const pending = await t.app.get(DataSource).driver.createSchemaBuilder().log();
      const drift = pending.upQueries.map((q) => q.query.trim()).filter((sql) => !DB_ONLY_FOREIGN_KEYS.some((fk) => sql.endsWith(`DROP CONSTRAINT "${fk}"`)));
      expect(drift).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

// PGlite is a single PostgreSQL session behind a one-connection server: two migrators cannot even
// connect to it at once, and advisory locks could not exclude anything there (the service never takes
// the lock in embedded mode). So this runs against real PostgreSQL only, which CI provides via
// TEST_DATABASE_URL.
describePg('needs real PostgreSQL (TEST_DATABASE_URL): migrations under the advisory lock', () => {
  let db: TestDatabase;
  beforeEach(async () => (db = await createTestDatabase({ schema: 'empty' })));
  afterEach(() => db.drop());

  it('apply each migration exactly once when two instances migrate a fresh database at the same moment', async () => {
    const [a, b] = await Promise.all([openMigrationDataSource(db), openMigrationDataSource(db)]);
    try {
      // The second waits on the lock for the first's whole run: a bound well above that.
      const run = { lock: true, statementTimeoutMs: 30_000, roleStatementTimeout: null };
      const [byA, byB] = await Promise.all([runMigrations(a.dataSource, run), runMigrations(b.dataSource, run)]);
      expect([...byA, ...byB].sort()).toEqual([...ALL_NAMES].sort());
      expect(await appliedNames(a.dataSource)).toEqual(ALL_NAMES);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
