import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { ENVIRONMENT_VARIABLE_NAMES, loadConfig } from '@identsphere/config';
import { BUILT_MAIN, REPO_ROOT } from '../support/built-server';

// What every manifest must agree with: the service's port, its readiness path, its one-off migrate command,
// and the variables that production refuses to boot without.
const PORT = 4000;
const HEALTH_PATH = '/health';
const MIGRATE_COMMAND = 'node dist/apps/identsphere/src/cli.js migrate';
const REQUIRED_IN_PRODUCTION = ['DATABASE_URL', 'IDENTSPHERE_JWT_SECRET', 'IDENTSPHERE_PUBLIC_BASE_URL'];
// Drain bound (IDENTSPHERE_SHUTDOWN_TIMEOUT, default 25 s) plus the 3 s module-close budget.
const SHUTDOWN_NEEDS_SECONDS = 25 + 3;

const read = (file: string) => readFileSync(join(REPO_ROOT, file), 'utf8');

/** Placeholder values for what the platform's secret store provides, realistic enough for loadConfig. */
const SECRET_VALUES: Record<string, string> = {
  DATABASE_URL: 'postgres://identsphere:pw@db.internal:5432/identsphere?sslmode=verify-full',
  IDENTSPHERE_JWT_SECRET: randomBytes(48).toString('base64'),
  IDENTSPHERE_SMTP_URL: 'smtp://user:pw@smtp.example.com:587',
  IDENTSPHERE_METRICS_TOKEN: randomBytes(32).toString('hex'),
};

/** The manifest's environment, with secrets filled in, must pass the service's own production validation. */
function expectValidProductionEnvironment(plain: Record<string, string>, secretNames: readonly string[]) {
  const names = [...Object.keys(plain), ...secretNames];
  expect(names.filter((n) => !ENVIRONMENT_VARIABLE_NAMES.includes(n))).toEqual([]);
  expect(REQUIRED_IN_PRODUCTION.filter((n) => !names.includes(n))).toEqual([]);
  const secrets = Object.fromEntries(secretNames.map((n) => [n, SECRET_VALUES[n] ?? `missing placeholder for ${n}`]));
  const config = loadConfig({ NODE_ENV: 'production', ...plain, ...secrets });
  expect(config.isProduction).toBe(true);
  expect(config.http.port).toBe(PORT);
  expect(config.cookies.secure).toBe(true);
  expect(config.http.publicBaseUrl).toMatch(/^https:\/\//);
  return config;
}

describe('ecs-task-definition.json', () => {
  const task = JSON.parse(read('ecs-task-definition.json'));
  const auth = task.containerDefinitions.find((c: any) => c.name === 'auth');

  it('is a Fargate task of family auth-backend on awsvpc', () => {
    expect(task.family).toBe('auth-backend');
    expect(task.networkMode).toBe('awsvpc');
    expect(task.requiresCompatibilities).toContain('FARGATE');
    expect(task.executionRoleArn).toMatch(/^arn:aws:iam::<ACCOUNT_ID>:role\//);
  });

  it('sizes the Small tier (1 vCPU) with a memory value Fargate accepts for it', () => {
    expect(task.cpu).toBe('1024');
    // Fargate pairs 1 vCPU with 2 to 8 GB in 1 GB steps; 1 GB (the tier's nominal size) would be rejected.
    expect(Number(task.memory) % 1024).toBe(0);
    expect(Number(task.memory)).toBeGreaterThanOrEqual(2048);
    expect(Number(task.memory)).toBeLessThanOrEqual(8192);
  });

  it('runs container auth on port 4000 with a curl health check on /health', () => {
    expect(auth.essential).toBe(true);
    expect(auth.portMappings).toEqual([expect.objectContaining({ containerPort: PORT, protocol: 'tcp' })]);
    expect(auth.healthCheck.command.join(' ')).toContain(`curl -f http://localhost:${PORT}${HEALTH_PATH}`);
    expect(auth.healthCheck.startPeriod).toBeGreaterThan(0);
  });

  it('gives the graceful drain time before SIGKILL and ships logs to CloudWatch', () => {
    expect(auth.stopTimeout).toBeGreaterThanOrEqual(SHUTDOWN_NEEDS_SECONDS);
    expect(auth.stopTimeout).toBeLessThanOrEqual(120);
    expect(auth.logConfiguration.logDriver).toBe('awslogs');
    expect(Object.keys(auth.logConfiguration.options)).toEqual(expect.arrayContaining(['awslogs-group', 'awslogs-region', 'awslogs-stream-prefix']));
  });

  it('takes the database URL and the JWT secret from Secrets Manager', () => {
    const secrets = Object.fromEntries(auth.secrets.map((s: any) => [s.name, s.valueFrom]));
    for (const name of ['DATABASE_URL', 'IDENTSPHERE_JWT_SECRET']) expect(secrets[name]).toMatch(/^arn:aws:secretsmanager:/);
    const plainNames = auth.environment.map((e: any) => e.name);
    for (const name of Object.keys(SECRET_VALUES)) expect(plainNames).not.toContain(name);
  });

  it('sets only variables the service knows, every one production requires, and valid values', () => {
    const plain = Object.fromEntries(auth.environment.map((e: any) => [e.name, e.value]));
    const config = expectValidProductionEnvironment(plain, auth.secrets.map((s: any) => s.name));
    expect(config.http.trustProxyHops).toBe(1);
  });
});

describe('fly.toml', () => {
  const fly = parseToml(read('fly.toml')) as any;
  /** `fly secrets set` in docs/deploy.md provides what fly.toml must not contain. */
  const secretNames = (() => {
    const line = read('docs/deploy.md').split('\n').find((l) => l.startsWith('fly secrets set '));
    return [...(line ?? '').matchAll(/\b([A-Z][A-Z0-9_]*)=/g)].map((m) => m[1]);
  })();

  it('serves internal port 4000 behind forced HTTPS with a /health check', () => {
    expect(fly.http_service.internal_port).toBe(PORT);
    expect(fly.http_service.force_https).toBe(true);
    expect(fly.http_service.checks.map((c: any) => c.path)).toContain(HEALTH_PATH);
    expect(fly.http_service.min_machines_running).toBeGreaterThanOrEqual(1);
  });

  it('migrates with the same image before release and waits for the drain on SIGTERM', () => {
    expect(fly.deploy.release_command).toBe(MIGRATE_COMMAND);
    expect(fly.kill_signal).toBe('SIGTERM');
    expect(fly.kill_timeout).toBeGreaterThanOrEqual(SHUTDOWN_NEEDS_SECONDS);
  });

  it('sets only variables the service knows and, with the documented secrets, all production requires', () => {
    expect(secretNames).toEqual(expect.arrayContaining(['DATABASE_URL', 'IDENTSPHERE_JWT_SECRET']));
    for (const name of secretNames) expect(Object.keys(fly.env)).not.toContain(name);
    expectValidProductionEnvironment(fly.env, secretNames);
  });
});

describe('render.yaml', () => {
  const render = parseYaml(read('render.yaml'));
  const web = render.services.find((s: any) => s.type === 'web');
  const envVars: any[] = web.envVars;

  it('runs the Docker image with a /health check on port 4000 and migrates before each deploy', () => {
    expect(web.runtime).toBe('docker');
    expect(web.healthCheckPath).toBe(HEALTH_PATH);
    expect(envVars.find((v) => v.key === 'PORT')?.value).toBe(String(PORT));
    expect(web.preDeployCommand).toBe(MIGRATE_COMMAND);
    expect(web.maxShutdownDelaySeconds).toBeGreaterThanOrEqual(SHUTDOWN_NEEDS_SECONDS);
  });

  it('creates the auth-db PostgreSQL 16 database and wires it in as DATABASE_URL', () => {
    const db = render.databases.find((d: any) => d.name === 'auth-db');
    expect(String(db.postgresMajorVersion)).toBe('16');
    expect(envVars.find((v) => v.key === 'DATABASE_URL')?.fromDatabase).toEqual({ name: 'auth-db', property: 'connectionString' });
  });

  it('lets Render generate the JWT secret', () => {
    expect(envVars.find((v) => v.key === 'IDENTSPHERE_JWT_SECRET')).toEqual({ key: 'IDENTSPHERE_JWT_SECRET', generateValue: true });
  });

  it('sets only variables the service knows and every one production requires', () => {
    const provided = envVars.filter((v) => v.fromDatabase || v.generateValue || v.sync === false).map((v) => v.key);
    const plain = Object.fromEntries(envVars.filter((v) => 'value' in v).map((v) => [v.key, String(v.value)]));
    expectValidProductionEnvironment(plain, provided);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.find((s) => /^\S+ AS runtime$/m.test(s.split('\n')[0])) ?? '';
  const build = stages.find((s) => /^\S+ AS build$/m.test(s.split('\n')[0])) ?? '';

  it('builds in one stage and runs production dependencies only in the final one', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(build).toMatch(/^RUN npm ci\b/m);
    expect(build).toMatch(/^RUN npm run build$/m);
    expect(runtime).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(runtime).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(stages[stages.length - 1]).toBe(runtime);
  });

  it('runs as a non-root user with NODE_ENV=production, port 4000, curl and the compiled entry point', () => {
    expect(runtime).toMatch(/^USER (?!root\b|0\b)\S+$/m);
    expect(runtime).toMatch(/NODE_ENV=production/);
    expect(runtime).toMatch(new RegExp(`^EXPOSE ${PORT}$`, 'm'));
    expect(runtime).toMatch(/apt-get install[^\n]*(\\\n[^\n]*)*\bcurl\b/);
    expect(runtime).toContain(`CMD ["node", "${BUILT_MAIN}"]`);
  });

  it('copies only files that exist into the build, and leaves local state out of the context', () => {
    const sources = [...build.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1].split(/\s+/));
    expect(sources.filter((s) => !existsSync(join(REPO_ROOT, s)))).toEqual([]);
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.identsphere', '.git']));
  });
});

describe('docs/deploy.md', () => {
  const deploy = read('docs/deploy.md');

  it('covers all six platforms with their commands, TLS and the migration step', () => {
    for (const command of [
      'docker push',
      'aws ecs register-task-definition',
      'aws ecs run-task',
      'gcloud run deploy',
      '--port 4000',
      '--min-instances 1',
      'az containerapp create',
      '--target-port 4000',
      'fly secrets set',
      'fly deploy',
      'railway up',
      'render.yaml',
      'Blueprint',
      MIGRATE_COMMAND.split(' ').slice(1).join(' '),
    ]) {
      expect([command, deploy.includes(command)]).toEqual([command, true]);
    }
    expect(deploy).toMatch(/^## TLS/m);
  });

  it('names only configuration variables the service knows, in every operations document', () => {
    const docs = readdirSync(join(REPO_ROOT, 'docs')).filter((f) => f.endsWith('.md'));
    const named = docs.flatMap((f) => [...read(join('docs', f)).matchAll(/\bIDENTSPHERE_[A-Z0-9_]*[A-Z0-9]\b/g)].map((m) => `${f}: ${m[0]}`));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((n) => !ENVIRONMENT_VARIABLE_NAMES.includes(n.split(': ')[1]))).toEqual([]);
  });
});
