import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, REPO_ROOT } from '../../../test/support/built-server';
import { LIVE_ISSUER, logIn, signUp, startLiveService, strongPassword, uniqueEmail, type LiveService } from '../../../packages/verify/test/support/live-service';

const ADMIN = { email: uniqueEmail('admin'), password: strongPassword() };
const SERVER_JS = join(REPO_ROOT, 'examples/resource-server/src/server.js');

/** The example as a newcomer runs it (`node src/server.js`), on the built @identsphere/verify package. */
async function startExample(env: Record<string, string>): Promise<{ baseUrl: string; child: ChildProcess; output: () => string }> {
  if (!existsSync(join(REPO_ROOT, 'packages/verify/dist/index.js'))) throw new Error('packages/verify/dist is missing: run `npm run build:packages` first');
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER_JS], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the resource server did not start: ${output}`)), 20_000);
    child.stdout!.on('data', () => {
      if (output.includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`the resource server exited ${code}: ${output}`)));
  });
  return { baseUrl: `http://127.0.0.1:${port}`, child, output: () => output };
}

describe('examples/resource-server against the live built service', () => {
  let live: LiveService;
  let example: Awaited<ReturnType<typeof startExample>>;
  const get = (path: string, token?: string) => fetch(`${example.baseUrl}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    live = await startLiveService({ admin: ADMIN });
    example = await startExample({ IDENTSPHERE_ISSUER: LIVE_ISSUER, IDENTSPHERE_JWKS_URI: `${live.baseUrl()}/.well-known/jwks.json` });
  }, 120_000);
  afterAll(async () => {
    example?.child.kill('SIGTERM');
    await live?.stop();
  });

  it('GET /api/hello greets a signed-in user with the id and email of the token', async () => {
    const user = await signUp(live);
    const res = await get('/api/hello', user.accessToken);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ message: `Hello, ${user.email}!`, userId: user.userId, email: user.email, roles: [] });
  });

  it('GET /api/hello without a token is a 401 problem', async () => {
    const res = await get('/api/hello');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.json()).toMatchObject({ code: 'unauthorized', status: 401 });
  });

  it('GET /api/admin/report is for the admin role: 403 for a user, 200 for an administrator', async () => {
    const user = await signUp(live);
    const refused = await get('/api/admin/report', user.accessToken);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'forbidden', status: 403 });
    const admin = await logIn(live, ADMIN.email, ADMIN.password);
    const admitted = await get('/api/admin/report', admin.accessToken);
    expect(admitted.status).toBe(200);
    expect(await admitted.json()).toMatchObject({ generatedFor: admin.userId });
  });
});
