// Runs openapi-typescript's Node API the way a client team would on /openapi.json, for each
// `<openapi.json> <output.ts>` pair of arguments, in one process (test/e2e/openapi-client.e2e-spec.ts;
// jest's CommonJS runtime cannot load the package's ESM-only dependencies itself).
import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';

const pairs = process.argv.slice(2);
for (let i = 0; i < pairs.length; i += 2) {
  const document = JSON.parse(await readFile(pairs[i], 'utf8'));
  await writeFile(pairs[i + 1], astToString(await openapiTS(document)));
}
