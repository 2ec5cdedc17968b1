import { NestFactory } from '@nestjs/core';
import { CreateAdminFlow, CreatedAdmin } from '@identsphere/admin';
import { isDomainError } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { DatabaseConnector } from '@identsphere/database';
import { createRootLogger, PinoLoggerService } from '@identsphere/observability';
import { AppModule } from '../app.module';
import { AdminCreateArgs } from './admin-create-args';
import { CliIo } from './load-config-or-exit';

/** EX_USAGE and EX_DATAERR from sysexits.h. */
const EXIT_USAGE = 64;
const EXIT_DATA = 65;

const NO_PASSWORD = 'No password on stdin: pipe one in (e.g. `cli.js admin create --email … < password-file`) or use --link for a one-time set-password link.';

/**
 * `cli.js admin create --email <address> [--link]`: makes that account an administrator (see CreateAdminFlow).
 * Boots the service's own module graph without HTTP, so the account is made exactly as the service makes
 * accounts (password policy, Argon2id, audit). Logs go to stderr: stdout carries only the result, and the
 * set-password link appears there once and nowhere else.
 */
export async function adminCreateCommand(config: AppConfig, args: AdminCreateArgs, io: CliIo): Promise<number> {
  const email = CreateAdminFlow.normalizedEmail(args.email);
  if (!email) {
    io.err('--email is not an address the service accepts for an account.');
    return EXIT_USAGE;
  }
  const logger = createRootLogger({ level: config.observability.logLevel, destination: process.stderr });
  const app = await NestFactory.createApplicationContext(AppModule.register(config, { logger }), { logger: new PinoLoggerService(logger) });
  try {
    if (!app.get(DatabaseConnector).isReady) {
      io.err('The database is not reachable (see the log on stderr); nothing was changed.');
      return 1;
    }
    const flow = app.get(CreateAdminFlow);
    // Only a new account needs a password (an existing one keeps its own), so stdin is read only then.
    const needsPassword = !args.link && !(await flow.exists(email));
    const password = needsPassword ? ((await io.readSecret?.()) ?? null) : undefined;
    if (password === null || password === '') {
      io.err(NO_PASSWORD);
      return EXIT_USAGE;
    }
    report(await flow.create(email, { password, link: args.link }), io);
    return 0;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    // The code and the rules broken (weak_password), never the password itself.
    io.err(`${error.code}: ${error.detail}${(error.options.errors ?? []).map((e) => ` [${e.rule ?? 'invalid'}] ${e.message}`).join('')}`);
    return EXIT_DATA;
  } finally {
    await app.close();
  }
}

function report(admin: CreatedAdmin, io: CliIo): void {
  const who = `${admin.user.email} (id ${admin.user.id})`;
  if (admin.created) io.out(`Created the administrator account ${who}, email verified.`);
  else if (admin.granted) io.out(`Granted the admin role to the existing account ${who}; its password is unchanged.`);
  else io.out(`${who} is an administrator already; nothing changed.`);
  if (admin.link) {
    io.out(`One-time set-password link (shown only now; works once, until ${admin.link.expiresAt.toISOString()}):`);
    io.out(admin.link.url);
  }
}
