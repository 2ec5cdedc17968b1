import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openApiDocumentFor } from '../support/openapi-document';

const ROOT = resolve(__dirname, '../..');
const REDOCLY = join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location?: Array<{ pointer?: string }>;
}

/** `redocly lint` with the repository's redocly.yaml (the recommended ruleset), offline and quiet. */
function lint(document: object, dir: string): LintProblem[] {
  const file = join(dir, `openapi-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(document));
  const run = spawnSync(process.execPath, [REDOCLY, 'lint', '--format=json', `--config=${join(ROOT, 'redocly.yaml')}`, file], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env.PATH, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
  });
  const json = run.stdout.slice(run.stdout.indexOf('{'));
  expect({ parsed: json.startsWith('{'), stderr: json.startsWith('{') ? '' : run.stderr }).toEqual({ parsed: true, stderr: '' });
  return (JSON.parse(json) as { problems: LintProblem[] }).problems;
}

const describeProblem = (p: LintProblem) => `${p.ruleId} ${p.location?.[0]?.pointer ?? ''}: ${p.message}`;

// The document depends on the configuration (cookie name, metrics security, password minimum), so each
// shape a deployment can give it is linted.
const CONFIGURATIONS: Record<string, Record<string, string>> = {
  'development defaults': {},
  'secure cookies, metrics token': { IDENTSPHERE_COOKIES_SECURE: 'true', IDENTSPHERE_METRICS_TOKEN: 'metrics-token-0123456789abcdef', IDENTSPHERE_PUBLIC_BASE_URL: 'https://auth.example.com' },
  'shared cookie domain, long passwords': { IDENTSPHERE_COOKIES_SECURE: 'true', IDENTSPHERE_COOKIES_DOMAIN: 'example.com', IDENTSPHERE_PASSWORD_MIN_LENGTH: '20' },
};

describe('OpenAPI document lint (@redocly/cli, recommended ruleset)', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'identsphere-lint-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(Object.entries(CONFIGURATIONS))('has no errors with %s', async (_name, env) => {
    const problems = lint(await openApiDocumentFor(env), dir);
    const warnings = problems.filter((p) => p.severity !== 'error').map(describeProblem);
    if (warnings.length) process.stdout.write(`redocly warnings (${_name}):\n  ${warnings.join('\n  ')}\n`);
    expect(problems.filter((p) => p.severity === 'error').map(describeProblem)).toEqual([]);
  });

  it('does report errors for a document that breaks the rules (the lint is real)', async () => {
    const broken = structuredClone(await openApiDocumentFor());
    delete broken.security;
    delete broken.paths['/v1/me'].get?.security;
    expect(lint(broken, dir).filter((p) => p.severity === 'error').map((p) => p.ruleId)).toContain('security-defined');
  });
});
