import 'reflect-metadata';
import { runCli } from './cli/run-cli';

// One-off commands sharing the service's config and code: `migrate` (e.g. an ECS one-off task before a
// rollout), `openapi <file>`, `hs256-key` (the key resource servers verify HS256 tokens with) and
// `admin create` (an administrator account). Exits 0 on success, 78 on a bad environment, 64 on bad
// usage, 65 on bad input data (e.g. a weak password), 1 otherwise.
runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
