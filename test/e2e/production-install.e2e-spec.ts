import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { strongPassword, uniqueEmail } from '../support/auth-factories';
import { BuiltServer, freePort, REPO_ROOT, startBuiltServer } from '../support/built-server';
import { startStandalonePostgres, StandalonePostgres } from '../support/standalone-postgres';

const run = promisify(execFile);

// The runtime stage of the Dockerfile, without Docker: package.json, the lockfile and dist/ in an empty
// directory, `npm ci --omit=dev`, then the migrate entry point and the server with a production
// environment. A runtime import of a devDependency fails here, as it would in the image.
describe('production install (the Dockerfile runtime stage)', () => {
  let pg: StandalonePostgres;
  let appDir: string;
  let server: BuiltServer | null = null;
  const metricsToken = randomBytes(24).toString('base64url');

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
    appDir = mkdtempSync(join(tmpdir(), 'identsphere-prod-'));
    copyFileSync(join(REPO_ROOT, 'package.json'), join(appDir, 'package.json'));
    copyFileSync(join(REPO_ROOT, 'package-lock.json'), join(appDir, 'package-lock.json'));
    cpSync(join(REPO_ROOT, 'dist'), join(appDir, 'dist'), { recursive: true });
    await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: appDir, env: withoutNpmLifecycle(process.env), timeout: 240_000 });
    pg = await startStandalonePostgres();
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await pg?.stop();
    if (appDir) rmSync(appDir, { recursive: true, force: true });
  });

  const productionEnv = async (): Promise<Record<string, string>> => ({
    NODE_ENV: 'production',
    DATABASE_URL: pg.url,
    IDENTSPHERE_JWT_SECRET: randomBytes(48).toString('base64url'),
    IDENTSPHERE_PUBLIC_BASE_URL: 'https://auth.example.test',
    IDENTSPHERE_COOKIES_SECURE: 'true',
    IDENTSPHERE_TRUST_PROXY_HOPS: '1',
    // Nothing listens there: mail delivery is not part of this check, booting with SMTP configured is.
    IDENTSPHERE_SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
    IDENTSPHERE_MAIL_FROM: 'IdentSphere <no-reply@auth.example.test>',
    IDENTSPHERE_METRICS_TOKEN: metricsToken,
    IDENTSPHERE_LOG_LEVEL: 'info',
    IDENTSPHERE_DATA_DIR: join(appDir, 'data'),
  });

  it('covers every install script of the production tree by the allowScripts policy (Swagger UI\'s telemetry denied)', async () => {
    const { stdout } = await run('npm', ['install-scripts', 'ls', '--json'], { cwd: appDir, env: withoutNpmLifecycle(process.env), timeout: 60_000 });
    expect(JSON.parse(stdout)).toEqual({ allowScripts: [] });
  });

  it('installs production dependencies only', () => {
    expect(existsSync(join(appDir, 'node_modules', '@nestjs', 'core'))).toBe(true);
    expect(existsSync(join(appDir, 'node_modules', 'jest'))).toBe(false);
    expect(existsSync(join(appDir, 'node_modules', 'supertest'))).toBe(false);
  });

  it('migrates with the image\'s migrate entry point', async () => {
    const env = await productionEnv();
    const { stdout } = await run(process.execPath, ['dist/apps/identsphere/src/cli.js', 'migrate'], { cwd: appDir, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 });
    expect(stdout).toMatch(/migration/i);
  }, 90_000);

  it('serves /health 200 in production mode, signs up a user, and exits 0 on SIGTERM', async () => {
    server = await startBuiltServer({ cwd: appDir, env: await productionEnv() });
    await request(server.baseUrl).get('/health').expect(200);
    await request(server.baseUrl).get('/health/live').expect(200);
    await request(server.baseUrl).get('/openapi.json').expect(200);

    const signup = await request(server.baseUrl).post('/v1/auth/signup').send({ email: uniqueEmail(), password: strongPassword() });
    expect(signup.status).toBe(201);
    expect(String(signup.headers['set-cookie'])).toMatch(/^__Host-identsphere_refresh=/);

    await request(server.baseUrl).get('/metrics').expect(401);
    const metrics = await request(server.baseUrl).get('/metrics').set('Authorization', `Bearer ${metricsToken}`).expect(200);
    expect(metrics.text).toMatch(/^identsphere_http_request_duration_seconds_count\{method="POST",route="\/v1\/auth\/signup",status="201"\} 1$/m);

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  }, 90_000);
});

/** npm run exports its own settings to children; the nested `npm ci` must see a plain environment. */
function withoutNpmLifecycle(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key)));
}
