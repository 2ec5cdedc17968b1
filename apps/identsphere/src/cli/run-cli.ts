import { CliIo, loadConfigOrExitCode } from './load-config-or-exit';
import { migrateCommand } from './migrate.command';
import { openApiCommand } from './openapi.command';

/** EX_USAGE from sysexits.h. */
export const EXIT_USAGE = 64;

const USAGE = ['Usage:', '  cli.js migrate           apply pending database migrations, then exit', '  cli.js openapi <file>    write the OpenAPI document to <file>'].join('\n');

const consoleIo: CliIo = { out: (line) => process.stdout.write(line + '\n'), err: (line) => process.stderr.write(line + '\n') };

/** Runs one CLI command and resolves to the process exit code. */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env, io: CliIo = consoleIo): Promise<number> {
  const [command, ...rest] = args;
  if (!(command === 'migrate' && rest.length === 0) && !(command === 'openapi' && rest.length === 1)) {
    io.err(USAGE);
    return EXIT_USAGE;
  }
  const config = loadConfigOrExitCode(env, io);
  if (typeof config === 'number') return config;
  return command === 'migrate' ? migrateCommand(config, io) : openApiCommand(config, rest[0], io);
}
