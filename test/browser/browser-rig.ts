import { existsSync, readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { chromium, Browser } from 'playwright-core';
import { loadConfig } from '@identsphere/config';
import { createApp } from '../../apps/identsphere/src/create-app';
import { AUTH_TEST_ENV } from '../support/auth-factories';
import { TEST_JWT_SECRET } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A free loopback port: the app must know its own public URL (and so its port) before it starts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * The service on http://localhost:<port> (WebAuthn needs a secure context; localhost is one) and a tiny
 * SPA page on another localhost origin, listed as a CORS and WebAuthn origin, with RP ID 'localhost'.
 */
export interface BrowserRig {
  readonly apiUrl: string;
  readonly pageUrl: string;
  close(): Promise<void>;
}

export async function startBrowserRig(): Promise<BrowserRig> {
  const [apiPort, pagePort] = [await freePort(), await freePort()];
  const apiUrl = `http://localhost:${apiPort}`;
  const pageUrl = `http://localhost:${pagePort}`;
  const page = await servePage(pagePort, apiUrl);
  const db = await createTestDatabase();
  const app = await startApp(db, apiPort, { IDENTSPHERE_PUBLIC_BASE_URL: apiUrl, IDENTSPHERE_CORS_ORIGINS: pageUrl, IDENTSPHERE_WEBAUTHN_ORIGINS: pageUrl, IDENTSPHERE_WEBAUTHN_RP_ID: 'localhost' });
  return {
    apiUrl,
    pageUrl,
    close: async () => {
      await app.close();
      await db.drop();
      await new Promise<void>((resolve) => page.close(() => resolve()));
    },
  };
}

export async function startApp(db: TestDatabase, port: number, env: Record<string, string>): Promise<NestExpressApplication> {
  const config = loadConfig({ NODE_ENV: 'test', IDENTSPHERE_JWT_SECRET: TEST_JWT_SECRET, IDENTSPHERE_LOG_LEVEL: 'error', ...AUTH_TEST_ENV, ...db.env, ...env });
  const app = await createApp(config);
  await app.listen(port, '127.0.0.1');
  return app;
}

// The package exports only its module entry; the browser bundle sits beside it in dist/.
const BUNDLE = join(dirname(require.resolve('@simplewebauthn/browser')), '..', 'dist', 'bundle', 'index.umd.min.js');

async function servePage(port: number, apiUrl: string): Promise<Server> {
  const html = readFileSync(join(__dirname, 'passkeys-page.html'), 'utf8').replace('__API_URL__', apiUrl);
  const bundle = readFileSync(BUNDLE, 'utf8');
  const server = createServer((req, res) => {
    const [type, body] = req.url === '/simplewebauthn-browser.js' ? ['text/javascript', bundle] : ['text/html; charset=utf-8', html];
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}
