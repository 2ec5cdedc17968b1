// A test page that loads the spa package (bundled from its sources) on its own localhost origin, next to
// the live built service on another: the cross-origin setup of a real SPA (CORS with credentials, the CSRF
// header, a SameSite=Strict cookie between same-site origins).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { freePort } from '../../../../test/support/built-server';
import { LiveService, startLiveService } from '../../../client/test/live-service';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The session every test page creates, and the events it records (window.events). */
const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>@identsphere/spa test page</title>
<script src="/spa.js"></script>
<script>
  window.events = [];
  window.session = IdentSphereSpa.createSession({ baseUrl: '__API_URL__', channelName: 'spa-test' });
  for (const name of ['signedIn', 'signedOut', 'sessionExpired', 'refreshed']) {
    session.on(name, (user) => events.push(name + (user ? ':' + user.email : '')));
  }
</script>`;

export interface SpaRig {
  readonly live: LiveService;
  readonly apiUrl: string;
  readonly pageUrl: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

function bundleSpa(): string {
  const dir = mkdtempSync(join(tmpdir(), 'identsphere-spa-'));
  const file = join(dir, 'spa.js');
  const run = spawnSync(process.execPath, [join(__dirname, 'browser-bundle.mjs'), file], { encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`bundling the spa failed: ${run.stderr || run.stdout}`);
  const code = readFileSync(file, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  return code;
}

async function servePage(port: number, apiUrl: string, bundle: string): Promise<Server> {
  const html = PAGE.replace('__API_URL__', apiUrl);
  const server = createServer((req, res) => {
    const [type, body] = req.url === '/spa.js' ? ['text/javascript', bundle] : ['text/html; charset=utf-8', html];
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

/** Access tokens live 1 s (the service accepts them 5 s longer): the tests move the pages' clocks instead of waiting. */
export async function startSpaRig(env: Record<string, string> = {}): Promise<SpaRig> {
  const bundle = bundleSpa();
  const pagePort = await freePort();
  const pageUrl = `http://localhost:${pagePort}`;
  const live = await startLiveService({
    IDENTSPHERE_ACCESS_TOKEN_TTL: '1',
    IDENTSPHERE_CORS_ORIGINS: pageUrl,
    IDENTSPHERE_WEBAUTHN_RP_ID: 'localhost',
    IDENTSPHERE_WEBAUTHN_ORIGINS: pageUrl,
    ...env,
  });
  const apiUrl = `http://localhost:${live.server.port}`;
  const page = await servePage(pagePort, apiUrl, bundle);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    live,
    apiUrl,
    pageUrl,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => page.close(() => resolve()));
      await live.stop();
    },
  };
}

/** What the pages of one browser context sent to the service (method and path; CORS preflights excluded). */
export function recordRequests(context: BrowserContext): { readonly sent: string[]; count(methodAndPath: string): number } {
  const sent: string[] = [];
  context.on('request', (request) => {
    if (request.method() !== 'OPTIONS' && request.url().includes('/v1/')) sent.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  return { sent, count: (methodAndPath) => sent.filter((s) => s === methodAndPath).length };
}

/** Runs `fn` in the page with the session as its argument. */
export function inPage<R, A = undefined>(page: Page, fn: (session: any, arg: A) => R | Promise<R>, arg?: A): Promise<R> {
  return page.evaluate(({ source, arg }) => new Function('session', 'arg', `return (${source})(session, arg)`)((globalThis as any).session, arg), { source: fn.toString(), arg }) as Promise<R>;
}
