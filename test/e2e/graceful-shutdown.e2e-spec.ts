import { connect } from 'node:net';
import { TEST_JWT_SECRET } from '../support/test-app';
import { BuiltServer, startBuiltServer } from '../support/built-server';
import { RawHttpConnection, requestHead } from '../support/raw-http';
import { startStandalonePostgres, StandalonePostgres } from '../support/standalone-postgres';
import { strongPassword, uniqueEmail } from '../support/auth-factories';

// Tests of the real built process (SIGTERM handling lives in main.ts). The bounds are the issue's:
// everything completes within IDENTSPHERE_SHUTDOWN_TIMEOUT, plus the 3 s module-close budget when cut.
const CLOSE_BUDGET_MS = 3_000;

function serverEnv(pg: StandalonePostgres, shutdownSeconds: number): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: pg.url,
    IDENTSPHERE_JWT_SECRET: TEST_JWT_SECRET,
    IDENTSPHERE_LOG_LEVEL: 'info',
    IDENTSPHERE_SHUTDOWN_TIMEOUT: String(shutdownSeconds),
    IDENTSPHERE_IP_MAX_ATTEMPTS: '100000',
  };
}

/** A signup whose JSON body arrives in two halves: in flight from the moment its headers are read. */
async function startSlowSignup(port: number) {
  const body = JSON.stringify({ email: uniqueEmail(), password: strongPassword() });
  const conn = await RawHttpConnection.open(port);
  conn.write(requestHead('POST', '/v1/auth/signup', { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }) + '\r\n');
  conn.write(body.slice(0, 10));
  return { conn, finish: () => conn.write(body.slice(10)) };
}

const refused = (port: number) =>
  new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
  });

const drainingStarted = (server: BuiltServer) => server.waitForLog((l) => l.context === 'Shutdown' && /draining/.test(String(l.msg)), 10_000);

describe('graceful shutdown of the built server on SIGTERM', () => {
  let pg: StandalonePostgres;
  let server: BuiltServer | null = null;
  beforeAll(async () => (pg = await startStandalonePostgres()));
  afterEach(async () => server?.stop());
  afterAll(() => pg?.stop());

  it('turns /health 503 at once, stops accepting, finishes in-flight requests, closes keep-alive sockets and exits 0', async () => {
    server = await startBuiltServer({ env: serverEnv(pg, 10) });
    const { port } = server;

    const idle = await RawHttpConnection.open(port);
    idle.write(requestHead('GET', '/health/live') + '\r\n');
    const first = await idle.readResponse();
    expect(first.status).toBe(200);
    expect(first.headers['keep-alive']).toBe('timeout=65');

    const healthProbe = await RawHttpConnection.open(port);
    healthProbe.write(requestHead('GET', '/health')); // the blank line that ends the head comes after SIGTERM
    const slow = [await startSlowSignup(port), await startSlowSignup(port)];
    await new Promise((resolve) => setTimeout(resolve, 300));

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await drainingStarted(server);

    healthProbe.write('\r\n');
    const health = await healthProbe.readResponse();
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body).status).toBe('error');
    expect(await refused(port)).toBe('ECONNREFUSED');
    await idle.closed;

    slow.forEach((s) => s.finish());
    for (const { conn } of slow) {
      const res = await conn.readResponse();
      expect(res.status).toBe(201);
      expect(res.headers.connection).toBe('close');
    }

    const { code } = await server.exited;
    expect(code).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(server.logs.some((l) => l.context === 'Shutdown' && /complete/.test(String(l.msg)))).toBe(true);
  });

  it('cuts a request still running at IDENTSPHERE_SHUTDOWN_TIMEOUT and still exits 0 within the bound', async () => {
    const boundSeconds = 2;
    server = await startBuiltServer({ env: serverEnv(pg, boundSeconds) });
    const stuck = await startSlowSignup(server.port); // never finishes its body
    await new Promise((resolve) => setTimeout(resolve, 300));

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    const { code } = await server.exited;
    const elapsed = Date.now() - signalledAt;

    expect(code).toBe(0);
    expect(elapsed).toBeGreaterThanOrEqual(boundSeconds * 1000);
    expect(elapsed).toBeLessThan(boundSeconds * 1000 + CLOSE_BUDGET_MS);
    await stuck.conn.closed;
  });
});
