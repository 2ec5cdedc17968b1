import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { runCli } from '../../apps/identsphere/src/cli/run-cli';
import { ALL_MIGRATIONS } from '../../migrations';
import { queryTestDatabase } from '../support/query-test-database';
import { startTestApp, TEST_JWT_SECRET } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const BUILT_CLI = resolve(__dirname, '../../dist/apps/identsphere/src/cli.js');

function capture() {
  const lines = { out: [] as string[], err: [] as string[] };
  return { lines, io: { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l) } };
}

const envFor = (db: TestDatabase) => ({ NODE_ENV: 'test', IDENTSPHERE_JWT_SECRET: TEST_JWT_SECRET, IDENTSPHERE_LOG_LEVEL: 'error', ...db.env });

const appliedMigrations = async (db: TestDatabase) => (await queryTestDatabase<{ name: string }>(db, 'SELECT name FROM schema_migrations ORDER BY id')).map((r) => r.name);

describe('cli migrate', () => {
  let db: TestDatabase;
  beforeEach(async () => (db = await createTestDatabase({ schema: 'empty' })));
  afterEach(() => db.drop());

  it('applies every pending migration once, and exits 0 again when nothing is pending', async () => {
    expect(await runCli(['migrate'], envFor(db), capture().io)).toBe(0);
    expect(await runCli(['migrate'], envFor(db), capture().io)).toBe(0);
    expect(await appliedMigrations(db)).toEqual(ALL_MIGRATIONS.map((m) => m.name));
  }, 90_000); // on the embedded database each step opens PGlite afresh

  it('runs as the built process the container uses (catches module loading that jest hides)', () => {
    expect(existsSync(BUILT_CLI) ? 'built' : 'run `npm run build` first').toBe('built');
    const run = spawnSync(process.execPath, [BUILT_CLI, 'migrate'], { env: { PATH: process.env.PATH, ...envFor(db) }, encoding: 'utf8', timeout: 60_000 });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  }, 90_000);
});

describe('cli failures', () => {
  it('exits non-zero when the database is unreachable', async () => {
    const { io, lines } = capture();
    const env = { NODE_ENV: 'test', IDENTSPHERE_JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: 'postgres://postgres:pw-Zk42@127.0.0.1:1/none' };
    expect(await runCli(['migrate'], env, io)).toBe(1);
    expect(lines.err.length).toBeGreaterThan(0);
    expect([...lines.out, ...lines.err].join('\n')).not.toContain('pw-Zk42');
  });

  it('exits 78 naming every bad variable, never its value, like the server', async () => {
    const { io, lines } = capture();
    expect(await runCli(['migrate'], { NODE_ENV: 'production', PORT: 'port-Qm71', IDENTSPHERE_JWT_ALG: 'alg-Vx93' }, io)).toBe(78);
    const message = lines.err.join('\n');
    for (const name of ['PORT', 'IDENTSPHERE_JWT_ALG', 'IDENTSPHERE_JWT_SECRET', 'DATABASE_URL']) expect(message).toContain(name);
    expect(message).not.toMatch(/Qm71|Vx93/);
  });

  it.each([[[]], [['unknown']], [['openapi']], [['migrate', 'extra']], [['hs256-key', 'extra']], [['toString']]])('exits 64 on bad usage %j', async (args) => {
    expect(await runCli(args, {}, capture().io)).toBe(64);
  });
});

describe('cli openapi', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'identsphere-openapi-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same document the service serves, without needing a database', async () => {
    const file = join(dir, 'openapi.json');
    // An unreachable DATABASE_URL proves the command never connects.
    const env = { NODE_ENV: 'test', IDENTSPHERE_JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', IDENTSPHERE_DATA_DIR: dir };
    expect(await runCli(['openapi', file], env, capture().io)).toBe(0);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    const t = await startTestApp();
    try {
      const served = (await request(t.server).get('/openapi.json').expect(200)).body;
      expect(written).toEqual(served);
    } finally {
      await t.close();
    }
  });
});
