import { parseAdminCreateArgs } from './admin-create-args';
import { adminCreateCommand } from './admin-create.command';
import { hs256KeyCommand } from './hs256-key.command';
import { CliIo, loadConfigOrExitCode } from './load-config-or-exit';
import { migrateCommand } from './migrate.command';
import { openApiCommand, openApiEnvironment } from './openapi.command';
import { readSecretFromStdin } from './stdin-secret';

/** EX_USAGE from sysexits.h. */
export const EXIT_USAGE = 64;

const USAGE = [
  'Usage:',
  '  cli.js migrate           apply pending database migrations, then exit',
  '  cli.js openapi <file>    write the OpenAPI document to <file>',
  '  cli.js hs256-key         print the HS256 access-token key (base64url) for resource servers',
  '  cli.js admin create --email <address> [--link]',
  '                           make that account an administrator; a new account takes its password from',
  '                           stdin, or with --link prints a one-time set-password link',
].join('\n');

/** Each command and how many arguments it takes. */
const ARITY: Readonly<Record<string, number>> = { migrate: 0, openapi: 1, 'hs256-key': 0 };

const consoleIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  readSecret: () => readSecretFromStdin(),
};

/** Runs one CLI command and resolves to the process exit code. */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env, io: CliIo = consoleIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'admin') return adminCommand(rest, env, io);
  if (command === undefined || !Object.hasOwn(ARITY, command) || ARITY[command] !== rest.length) {
    io.err(USAGE);
    return EXIT_USAGE;
  }
  const config = loadConfigOrExitCode(command === 'openapi' ? openApiEnvironment(env) : env, io);
  if (typeof config === 'number') return config;
  if (command === 'hs256-key') return hs256KeyCommand(config, io);
  return command === 'migrate' ? migrateCommand(config, io) : openApiCommand(config, rest[0], io);
}

/** `admin create …`: its flags vary, so it is parsed apart from the fixed-arity commands. */
async function adminCommand(args: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const parsed = parseAdminCreateArgs(args);
  if (!parsed) {
    io.err(USAGE);
    return EXIT_USAGE;
  }
  const config = loadConfigOrExitCode(env, io);
  return typeof config === 'number' ? config : adminCreateCommand(config, parsed, io);
}
