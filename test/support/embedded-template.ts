import { PGlite } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { buildDataSourceOptions, EmbeddedPostgres, runMigrations } from '@identsphere/database';
import { ALL_MIGRATIONS } from '../../migrations';

// PGlite's own version keys the templates, so an upgrade never reuses an old cluster.
const PGLITE_VERSION: string = JSON.parse(readFileSync(join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8')).version;
const MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');

export type EmbeddedSchema = 'empty' | 'migrated';

/**
 * Gives `dataDir` a PGlite cluster (dataDir/pgdata, where EmbeddedPostgres looks) by copying a template:
 * initdb costs ~3 s per test file and the migrations another ~3 s per app start on PGlite, a copy ~0.3 s.
 * 'migrated' is what a booting app would make of 'empty' (the migrations' own tests ask for 'empty'). The
 * migrated template is keyed by the migrations' sources, so a new or changed migration builds a new one.
 * Templates are built once per machine; concurrent builders publish with an atomic rename, the loser
 * discards its copy.
 */
export async function seedEmbeddedDataDir(dataDir: string, schema: EmbeddedSchema = 'migrated'): Promise<void> {
  const template = join(tmpdir(), `identsphere-pglite-${schema}-${PGLITE_VERSION}${schema === 'migrated' ? `-${migrationsDigest()}` : ''}`);
  if (!existsSync(template)) await publish(template, schema === 'migrated' ? buildMigrated : buildEmpty);
  mkdirSync(dataDir, { recursive: true });
  cpSync(template, join(dataDir, 'pgdata'), { recursive: true });
}

function migrationsDigest(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  return hash.digest('hex').slice(0, 16);
}

/** Builds into a private staging directory, then renames it into place. */
async function publish(template: string, build: (pgdata: string) => Promise<void>): Promise<void> {
  const staging = `${template}.${process.pid}.${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  try {
    await build(join(staging, 'pgdata'));
    renameSync(join(staging, 'pgdata'), template);
  } catch (error) {
    if (!existsSync(template)) throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

async function buildEmpty(pgdata: string): Promise<void> {
  const db = await PGlite.create(pgdata);
  await db.close();
}

async function buildMigrated(pgdata: string): Promise<void> {
  const embedded = await EmbeddedPostgres.start(dirname(pgdata));
  try {
    const dataSource = new DataSource(buildDataSourceOptions({ url: embedded.url, embedded: true, migrations: ALL_MIGRATIONS }) as DataSourceOptions);
    await dataSource.initialize();
    try {
      await runMigrations(dataSource, { lock: false, statementTimeoutMs: 0, roleStatementTimeout: null });
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await embedded.stop();
  }
}
