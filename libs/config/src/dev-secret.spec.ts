import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './load-config';

describe('development JWT secret', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = join(mkdtempSync(join(tmpdir(), 'identsphere-config-')), 'data')));
  afterEach(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

  const load = (warn = jest.fn()) => loadConfig({ NODE_ENV: 'development', IDENTSPHERE_DATA_DIR: dataDir }, { warn });

  it('is generated once into the data directory, with a warning that does not contain it', () => {
    const warn = jest.fn();
    const secret = load(warn).tokens.secret;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim()).toBe(secret);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain('IDENTSPHERE_JWT_SECRET');
    expect(warn.mock.calls[0][0]).not.toContain(secret);
  });

  it('is readable only by its owner', () => {
    load();
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o077).toBe(0);
  });

  it('is reused on the next load without a new warning', () => {
    const first = load().tokens.secret;
    const warn = jest.fn();
    expect(load(warn).tokens.secret).toBe(first);
    expect(warn).not.toHaveBeenCalled();
  });

  it('is replaced when the stored one is unusable', () => {
    load();
    writeFileSync(join(dataDir, 'jwt-secret'), 'short\n');
    const replaced = load().tokens.secret;
    expect(replaced.length).toBeGreaterThanOrEqual(32);
    expect(load().tokens.secret).toBe(replaced);
  });

  it('is not generated when IDENTSPHERE_JWT_SECRET is set', () => {
    const secret = 'Ue5Rk1Wm8Qz3Yb6Nc0Ld7Tf2Ha9Sg4Jx';
    expect(loadConfig({ NODE_ENV: 'development', IDENTSPHERE_DATA_DIR: dataDir, IDENTSPHERE_JWT_SECRET: secret }).tokens.secret).toBe(secret);
    expect(() => statSync(join(dataDir, 'jwt-secret'))).toThrow();
  });
});
