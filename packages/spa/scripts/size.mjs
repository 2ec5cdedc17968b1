// Prints the size of @identsphere/spa as an app ships it: bundled with @identsphere/client and
// openapi-fetch, minified (vite's build API), then gzipped. Reads the built dist/ (`npm run build` first).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(packageDir, 'dist/index.js');
if (!existsSync(entry)) {
  process.stderr.write(`${entry} is missing: run \`npm run build\` in packages/spa first\n`);
  process.exit(1);
}

const output = await build({
  root: packageDir,
  configFile: false,
  logLevel: 'silent',
  build: {
    write: false,
    minify: true,
    target: 'es2022',
    // IIFE: vite leaves whitespace in lib-mode ES output (for the app's own bundler to tree-shake and
    // minify); an IIFE is minified as fully as an app's production bundle would be.
    lib: { entry, formats: ['iife'], name: 'IdentSphereSpa', fileName: 'spa' },
  },
});
const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) => result.output).filter((item) => item.type === 'chunk');
const code = chunks.map((chunk) => chunk.code).join('\n');
const bytes = Buffer.byteLength(code);
const gzipped = gzipSync(code, { level: 9 }).length;
process.stdout.write(`@identsphere/spa (with @identsphere/client and openapi-fetch), minified: ${bytes} bytes, gzipped: ${gzipped} bytes\n`);
