import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApp } from '../support/test-app';
import { TestDatabase } from '../support/test-database';

// The zero-setup default: no DATABASE_URL, so the service runs on PGlite under IDENTSPHERE_DATA_DIR.
// Built by hand because createTestDatabase() points at real PostgreSQL whenever TEST_DATABASE_URL is set.
function embeddedDatabase(dataDir: string): TestDatabase {
  return { env: { IDENTSPHERE_DATA_DIR: dataDir }, url: null, drop: async () => undefined };
}

describe('embedded database default', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'identsphere-embedded-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('boots with no DATABASE_URL, and keeps its data across a restart on the same data directory', async () => {
    const id = randomUUID();
    const email = `restart-${id}@example.com`;

    const first = await startTestApp({ db: embeddedDatabase(dataDir) });
    try {
      expect(first.config.database.url).toBeNull();
      await request(first.server).get('/health').expect(200);
      await first.app.get(DataSource).query(`INSERT INTO users (id, email, password_hash) VALUES ($1, $2, 'not-a-real-hash')`, [id, email]);
    } finally {
      await first.close();
    }

    const second = await startTestApp({ db: embeddedDatabase(dataDir) });
    try {
      const res = await request(second.server).get('/health').expect(200);
      expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
      const rows = await second.app.get(DataSource).query('SELECT email FROM users WHERE id = $1', [id]);
      expect(rows).toEqual([{ email }]);
    } finally {
      await second.close();
    }
  }, 90_000); // two PGlite boots, each with its WASM start-up and migration check, on a shared CI core
});
