import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@identsphere/config';
import { createApp } from './create-app';
import { sizeLibuvThreadPool } from './thread-pool';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  let config;
  try {
    config = loadConfig(process.env, { warn: (m) => logger.warn(m) });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(error.message + '\n');
    process.exit(78); // EX_CONFIG
  }
  sizeLibuvThreadPool(config);
  const app = await createApp(config);
  await app.listen(config.http.port);
  logger.log(`IdentSphere listening on :${config.http.port} (${config.database.url ? 'PostgreSQL' : 'embedded PGlite in ' + config.dataDir})`);
}

void bootstrap();
