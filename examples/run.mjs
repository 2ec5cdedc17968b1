#!/usr/bin/env node
// `npm run example`: the embedded service (:4000), the example resource server (:4001) and the example SPA's
// Vite dev server (:5173, proxying /v1, /.well-known and /health to the service and /api to the resource
// server, so the browser sees one origin). Ctrl+C stops all three. `npm run example` builds everything first.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SPA_URL = 'http://localhost:5173';
const SERVICE_URL = 'http://localhost:4000';
const RESOURCE_SERVER_URL = 'http://localhost:4001';
const POSIX = process.platform !== 'win32';

/** @type {{ name: string, child: import('node:child_process').ChildProcess }[]} */
const running = [];
let stopping = false;

function fail(message) {
  console.error(`\nnpm run example: ${message}`);
  void stopAll(1);
}

/** Resolves when nothing listens on the port (so a clear message beats a child's EADDRINUSE stack trace). */
function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

/**
 * Each child gets its own process group (POSIX), so stopping it also stops what it started (npm → vite), and
 * output goes straight to this terminal (the service prints human-readable logs on a terminal).
 */
function start(name, command, args, env) {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'], detached: POSIX, shell: !POSIX });
  running.push({ name, child });
  child.once('exit', (code, signal) => {
    if (!stopping) fail(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the others.`);
  });
  return child;
}

async function waitFor(url, name, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!stopping) throw new Error(`${name} did not come up at ${url} within ${timeoutMs / 1000} s`);
}

function signalChild({ child }, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (POSIX) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // already gone
  }
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  const exits = running.map(({ child }) => (child.exitCode !== null || child.signalCode !== null ? null : new Promise((resolve) => child.once('exit', resolve))));
  running.forEach((entry) => signalChild(entry, 'SIGTERM'));
  // The service drains in-flight requests on SIGTERM; anything still up after 15 s is killed.
  const timer = setTimeout(() => running.forEach((entry) => signalChild(entry, 'SIGKILL')), 15_000);
  await Promise.all(exits);
  clearTimeout(timer);
  process.exit(code);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

async function main() {
  for (const [file, hint] of [
    ['dist/apps/identsphere/src/main.js', 'npm run build'],
    ['packages/verify/dist/index.js', 'npm run build:packages'],
  ]) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run \`${hint}\` (or use \`npm run example\`, which builds first)`);
  }
  for (const [port, what] of [
    [4000, 'the service (is `npm start` still running?)'],
    [4001, 'the resource server'],
    [5173, 'the SPA dev server'],
  ]) {
    if (!(await portIsFree(port))) throw new Error(`port ${port} is taken; it is needed for ${what}`);
  }

  // The browser reaches the service through Vite on :5173, so that is the service's public base URL: the
  // origin the CSRF check and WebAuthn expect, and the issuer (`iss`) of its tokens.
  start('the service', process.execPath, ['dist/apps/identsphere/src/main.js'], {
    PORT: '4000',
    IDENTSPHERE_PUBLIC_BASE_URL: process.env.IDENTSPHERE_PUBLIC_BASE_URL ?? SPA_URL,
    IDENTSPHERE_CORS_ORIGINS: process.env.IDENTSPHERE_CORS_ORIGINS ?? SPA_URL,
  });
  await waitFor(`${SERVICE_URL}/health/live`, 'the service');

  start('the resource server', process.execPath, ['examples/resource-server/src/server.js'], {
    PORT: '4001',
    IDENTSPHERE_ISSUER: process.env.IDENTSPHERE_PUBLIC_BASE_URL ?? SPA_URL,
    // Keys straight from the service, not through the browser's proxy.
    IDENTSPHERE_JWKS_URI: `${SERVICE_URL}/.well-known/jwks.json`,
  });
  await waitFor(`${RESOURCE_SERVER_URL}/api/hello`, 'the resource server');

  start('the SPA dev server', POSIX ? 'npm' : 'npm.cmd', ['run', 'dev', '-w', 'identsphere-example-spa'], {
    IDENTSPHERE_URL: SERVICE_URL,
    RESOURCE_SERVER_URL,
  });
  await waitFor(SPA_URL, 'the SPA dev server');

  console.log(`\n  IdentSphere example is up: open ${SPA_URL}\n  (service ${SERVICE_URL}, resource server ${RESOURCE_SERVER_URL}; Ctrl+C stops all three)\n`);
}

main().catch((error) => fail(error.message));
