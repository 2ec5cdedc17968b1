import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../support/built-server';
import { LIVE_ISSUER, startLiveService, strongPassword, uniqueEmail, type LiveService } from '../../packages/verify/test/support/live-service';

const run = promisify(execFile);
const PACKAGES = ['client', 'spa', 'verify'] as const;
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const TSC = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');

interface PackResult {
  readonly name: string;
  readonly filename: string;
  readonly files: { path: string }[];
}

const manifestOf = (dir: string): { dependencies?: Record<string, string> } => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/**
 * The third-party packages our packages declare, with what those declare in turn, taken from this machine's
 * install. The scratch project gets exactly these, packed locally: `npm install --offline` must not need
 * the registry (the npm cache need not hold its metadata, and tests never use the network), and a
 * dependency our packages use without declaring it is not supplied, so the smoke journey would fail.
 */
function declaredRuntimeDependencies(): string[] {
  const found = new Set<string>();
  const visit = (deps: Record<string, string> = {}) => {
    for (const name of Object.keys(deps)) {
      if (name.startsWith('@identsphere/') || found.has(name)) continue;
      found.add(name);
      visit(manifestOf(join(REPO_ROOT, 'node_modules', name)).dependencies);
    }
  };
  for (const pkg of PACKAGES) visit(manifestOf(join(REPO_ROOT, 'packages', pkg)).dependencies);
  return [...found].sort();
}

describe('npm pack of @identsphere/client, spa and verify, installed into a scratch project outside the repository', () => {
  let scratch: string;
  let consumer: string;
  let packed: PackResult[];
  let live: LiveService;

  beforeAll(async () => {
    for (const pkg of PACKAGES) {
      if (!existsSync(join(REPO_ROOT, 'packages', pkg, 'dist/index.js'))) throw new Error(`packages/${pkg}/dist is missing: run \`npm run build:packages\` first`);
    }
    scratch = mkdtempSync(join(tmpdir(), 'identsphere-pack-'));
    const tarballs = join(scratch, 'tarballs');
    consumer = join(scratch, 'consumer');
    mkdirSync(tarballs);
    mkdirSync(consumer);
    const workspaces = PACKAGES.flatMap((pkg) => ['-w', `@identsphere/${pkg}`]);
    const { stdout } = await run(NPM, ['pack', '--json', '--pack-destination', tarballs, ...workspaces], { cwd: REPO_ROOT });
    packed = JSON.parse(stdout);
    const deps = declaredRuntimeDependencies();
    const { stdout: depStdout } = await run(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', tarballs, ...deps.map((d) => join(REPO_ROOT, 'node_modules', d))], { cwd: scratch });
    const all = [...packed, ...(JSON.parse(depStdout) as PackResult[])].map((p) => join(tarballs, p.filename));

    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'identsphere-consumer', private: true, type: 'module' }));
    await run(NPM, ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', ...all], { cwd: consumer });
    live = await startLiveService();
  }, 240_000);
  afterAll(async () => {
    await live?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('packs the built ESM and its declarations, and nothing else of the workspace', () => {
    expect(packed.map((p) => p.name).sort()).toEqual(PACKAGES.map((pkg) => `@identsphere/${pkg}`));
    for (const { name, files } of packed) {
      const paths = files.map((f) => f.path);
      expect({ name, hasEntry: paths.includes('dist/index.js') && paths.includes('dist/index.d.ts') }).toEqual({ name, hasEntry: true });
      expect({ name, stray: paths.filter((p) => !/^(dist\/|package\.json$|README\.md$|LICENSE$)/.test(p)) }).toEqual({ name, stray: [] });
    }
    const verify = packed.find((p) => p.name === '@identsphere/verify')!.files.map((f) => f.path);
    expect(verify).toEqual(expect.arrayContaining(['dist/nest.js', 'dist/nest.d.ts']));
  });

  it('type-checks a consumer with tsc --strict (module nodenext, declarations checked) and runs a journey with node', async () => {
    copyFileSync(join(REPO_ROOT, 'test/packaging/consumer/smoke.mts'), join(consumer, 'smoke.mts'));
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          lib: ['es2023', 'dom'],
          // Node's own types from this machine (a Node consumer has them); everything else from the tarballs.
          typeRoots: [join(REPO_ROOT, 'node_modules/@types')],
          types: ['node'],
          skipLibCheck: false,
          outDir: '.',
        },
        files: ['smoke.mts'],
      }),
    );
    await run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: consumer }).catch((error: { stdout?: string }) => {
      throw new Error(`tsc failed:\n${error.stdout}`);
    });

    const email = uniqueEmail('packed');
    const { stdout } = await run(process.execPath, ['smoke.mjs', live.baseUrl(), LIVE_ISSUER, email, strongPassword()], { cwd: consumer });
    const result = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(result).toEqual({
      userId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sub: result.userId,
      email,
      refusedWith: 'unauthorized',
      problemCode: 'invalid_credentials',
      middleware: 'function',
      spa: 'function',
    });
  }, 180_000);
});
