import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from '@identsphere/config';
import { createApp } from './create-app';
import { createGracefulShutdown, exitOnSignals } from './lifecycle/graceful-shutdown';
import { sizeLibuvThreadPool } from './thread-pool';
import { deprioritizeLibuvPool } from './thread-priority';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  // Held until the JSON logger exists, so that even these come out as JSON lines.
  const warnings: string[] = [];
  let config;
  try {
    config = loadConfig(process.env, { warn: (m) => warnings.push(m) });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(error.message + '\n');
    process.exit(78); // EX_CONFIG
  }
  sizeLibuvThreadPool(config);
  const loweredThreads = await deprioritizeLibuvPool();
  const app = await createApp(config);
  warnings.forEach((warning) => logger.warn(warning));
  if (loweredThreads) logger.log(`libuv pool (Argon2 hashing): ${loweredThreads} threads at lower CPU priority than the event loop`);
  exitOnSignals(createGracefulShutdown(app, config));
  await app.listen(config.http.port);
  const { port } = app.getHttpServer().address() as AddressInfo;
  logger.log(`IdentSphere listening on :${port} (${config.database.url ? 'PostgreSQL' : 'embedded PGlite in ' + config.dataDir})`);
}

void bootstrap();
