import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

// Any fixed 64-bit key; every instance uses the same one so only one migrates at a time.
const MIGRATION_LOCK_KEY = 7_205_759_403_792_793;

/**
 * Applies pending migrations. Against real PostgreSQL it holds a session-level advisory lock on a
 * dedicated connection while the migrations run on another, so ten instances booting together migrate
 * once and the other nine wait, then find nothing pending.
 */
export async function runMigrations(dataSource: DataSource, options: { lock: boolean }, logger = new Logger('Migrations')): Promise<string[]> {
  if (!options.lock) return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length) logger.log(`applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
    return applied.map((m) => m.name);
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}
