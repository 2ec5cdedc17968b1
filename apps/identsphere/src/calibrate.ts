import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { CliIo, loadConfigOrExitCode } from './cli/load-config-or-exit';
import { CALIBRATE_USAGE, parseCalibrateArgs } from './calibrate/calibrate-args';
import { calibrateCommand } from './calibrate/calibrate.command';
import { sizeLibuvThreadPool } from './thread-pool';

// `npm run calibrate` (or `node dist/apps/identsphere/src/calibrate.js` on the target instance): reads the
// Argon2id parameters and hash concurrency from the service's own environment, so run it with the same
// variables as the service. Exits 0, 64 on bad usage, 78 on a bad environment.
const EXIT_USAGE = 64; // EX_USAGE from sysexits.h, as cli.js
const io: CliIo = { out: (line) => process.stdout.write(line + '\n'), err: (line) => process.stderr.write(line + '\n') };

async function main(args: readonly string[]): Promise<number> {
  const options = parseCalibrateArgs(args);
  if (typeof options === 'string') {
    io.err(`${options}\n${CALIBRATE_USAGE}`);
    return EXIT_USAGE;
  }
  // Only the password settings matter here: a stand-in secret keeps a development run from writing one
  // into the data directory.
  const config = loadConfigOrExitCode({ IDENTSPHERE_JWT_SECRET: randomBytes(32).toString('base64url'), ...process.env }, io);
  if (typeof config === 'number') return config;
  const uvThreadpoolSize = sizeLibuvThreadPool(config); // before the first hash: libuv sizes its pool once
  return calibrateCommand(config, options, uvThreadpoolSize, io);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
