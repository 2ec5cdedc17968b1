// Bundles the spa package's sources (with the client's sources and openapi-fetch) into one script for a
// test page, as `window.IdentSphereSpa`. Run as a child process by the browser tests: vite is ESM-only and
// jest's CommonJS runtime cannot load it. Usage: node browser-bundle.mjs <output file>
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const packagesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const [output] = process.argv.slice(2);

const result = await build({
  root: join(packagesDir, 'spa'),
  configFile: false,
  logLevel: 'silent',
  resolve: { alias: { '@identsphere/client': join(packagesDir, 'client/src/index.ts') } },
  build: {
    write: false,
    minify: false,
    target: 'es2022',
    lib: { entry: join(packagesDir, 'spa/src/index.ts'), formats: ['iife'], name: 'IdentSphereSpa', fileName: 'spa' },
  },
});
const chunk = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output).find((item) => item.type === 'chunk');
writeFileSync(output, chunk.code);
