import { hs256KeyCommand } from './hs256-key.command';
import { CliIo, loadConfigOrExitCode } from './load-config-or-exit';
import { migrateCommand } from './migrate.command';
import { openApiCommand, openApiEnvironment } from './openapi.command';

/** EX_USAGE from sysexits.h. */
export const EXIT_USAGE = 64;

const USAGE = [
  'Usage:',
  '  cli.js migrate           apply pending database migrations, then exit',
  '  cli.js openapi <file>    write the OpenAPI document to <file>',
  '  cli.js hs256-key         print the HS256 access-token key (base64url) for resource servers',
].join('\n');

/** Each command and how many arguments it takes. */
const ARITY: Readonly<Record<string, number>> = { migrate: 0, openapi: 1, 'hs256-key': 0 };

const consoleIo: CliIo = { out: (line) => process.stdout.write(line + '\n'), err: (line) => process.stderr.write(line + '\n') };

/** Runs one CLI command and resolves to the process exit code. */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env, io: CliIo = consoleIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || !Object.hasOwn(ARITY, command) || ARITY[command] !== rest.length) {
    io.err(USAGE);
    return EXIT_USAGE;
  }
  const config = loadConfigOrExitCode(command === 'openapi' ? openApiEnvironment(env) : env, io);
  if (typeof config === 'number') return config;
  if (command === 'hs256-key') return hs256KeyCommand(config, io);
  return command === 'migrate' ? migrateCommand(config, io) : openApiCommand(config, rest[0], io);
}
