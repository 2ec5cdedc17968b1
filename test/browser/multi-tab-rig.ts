import { execFile } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, IncomingMessage, request, Server, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { parsePrometheusText, valueOf } from '../support/prometheus-text';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { freePort, startApp } from './browser-rig';

const REPO_ROOT = join(__dirname, '..', '..');
const EXAMPLE_DIR = join(REPO_ROOT, 'examples', 'spa');
const SPA_PACKAGE_BUILD = join(REPO_ROOT, 'packages', 'spa', 'dist', 'index.js');
const VITE_CLI = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

/** The paths the example's Vite dev server proxies to the service (see examples/spa/vite.config.ts). */
const SERVICE_PREFIXES = ['/v1/', '/.well-known/', '/health', '/openapi.json'];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** The refresh counter of the service (`identsphere_refreshes_total` by outcome). */
export interface RefreshCounts {
  readonly rotated: number;
  readonly grace: number;
  readonly reused: number;
}

/**
 * The example SPA as production ships it: its Vite build, served with the service behind one origin
 * (http://localhost:<port>, a secure context for WebAuthn) by a tiny static server that proxies the API
 * paths, as the dev server's proxy or a reverse proxy in front of both would. The refresh cookie is
 * therefore first-party, and `Origin` is the service's public base URL.
 */
export interface MultiTabRig {
  readonly pageUrl: string;
  refreshCounts(): Promise<RefreshCounts>;
  close(): Promise<void>;
}

export async function startMultiTabRig(serviceEnv: Record<string, string>): Promise<MultiTabRig> {
  const distDir = await buildExampleSpa();
  const [apiPort, pagePort] = [await freePort(), await freePort()];
  const pageUrl = `http://localhost:${pagePort}`;
  let db: TestDatabase | undefined;
  let app: NestExpressApplication | undefined;
  let spa: Server | undefined;
  try {
    db = await createTestDatabase();
    app = await startApp(db, apiPort, { IDENTSPHERE_PUBLIC_BASE_URL: pageUrl, IDENTSPHERE_WEBAUTHN_RP_ID: 'localhost', ...serviceEnv });
    spa = await serveSpa(pagePort, distDir, apiPort);
  } catch (error) {
    await app?.close();
    await db?.drop();
    rmSync(distDir, { recursive: true, force: true });
    throw error;
  }
  const [service, database, server] = [app, db, spa];
  return {
    pageUrl,
    refreshCounts: async () => {
      const exposition = parsePrometheusText(await (await fetch(`http://127.0.0.1:${apiPort}/metrics`)).text());
      const count = (outcome: string) => valueOf(exposition, 'identsphere_refreshes_total', { outcome });
      return { rotated: count('rotated'), grace: count('grace'), reused: count('reused') };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await service.close();
      await database.drop();
      rmSync(distDir, { recursive: true, force: true });
    },
  };
}

/**
 * Builds examples/spa into a scratch directory, so the test runs the app's current sources (the workspace
 * build, `npm run build:packages`, has built @identsphere/spa first).
 */
async function buildExampleSpa(): Promise<string> {
  if (!existsSync(SPA_PACKAGE_BUILD)) throw new Error(`${SPA_PACKAGE_BUILD} is missing: run \`npm run build:packages\` first`);
  const outDir = mkdtempSync(join(tmpdir(), 'identsphere-example-spa-'));
  try {
    await promisify(execFile)(process.execPath, [VITE_CLI, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: EXAMPLE_DIR, env: { ...process.env, NODE_ENV: 'production' } });
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`vite build of examples/spa failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
  return outDir;
}

async function serveSpa(port: number, distDir: string, apiPort: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (SERVICE_PREFIXES.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix))) return proxy(req, res, apiPort);
    serveFile(res, distDir, path);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

function proxy(req: IncomingMessage, res: ServerResponse, apiPort: number): void {
  const upstream = request({ host: '127.0.0.1', port: apiPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
}

/** A file of the build, or index.html for any other path (the SPA's own routes). */
function serveFile(res: ServerResponse, distDir: string, urlPath: string): void {
  let candidate: string;
  try {
    candidate = normalize(join(distDir, decodeURIComponent(urlPath)));
  } catch {
    candidate = distDir; // a malformed escape: serve the app
  }
  const inside = candidate.startsWith(distDir + sep) && existsSync(candidate) && statSync(candidate).isFile();
  const file = inside ? candidate : join(distDir, 'index.html');
  res.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
  createReadStream(file).pipe(res);
}
