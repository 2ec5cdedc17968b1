import { PGlite } from '@electric-sql/pglite';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// PGlite's own version keys the template, so an upgrade never reuses an old cluster.
const PGLITE_VERSION: string = JSON.parse(readFileSync(join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8')).version;
const TEMPLATE = join(tmpdir(), `identsphere-pglite-template-${PGLITE_VERSION}`);

/**
 * Gives `dataDir` a freshly initialised, empty PGlite cluster (dataDir/pgdata, where EmbeddedPostgres
 * looks) by copying a template: initdb costs ~3 s per test file, a copy ~0.3 s. The template is built once
 * per machine; concurrent builders publish with an atomic rename and the loser discards its copy.
 */
export async function seedEmbeddedDataDir(dataDir: string): Promise<void> {
  if (!existsSync(TEMPLATE)) await buildTemplate();
  mkdirSync(dataDir, { recursive: true });
  cpSync(TEMPLATE, join(dataDir, 'pgdata'), { recursive: true });
}

async function buildTemplate(): Promise<void> {
  const staging = `${TEMPLATE}.${process.pid}.${Date.now()}`;
  const db = await PGlite.create(staging);
  await db.close();
  try {
    renameSync(staging, TEMPLATE);
  } catch {
    rmSync(staging, { recursive: true, force: true });
  }
}
