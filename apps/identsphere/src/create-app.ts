import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@identsphere/config';
import { createRootLogger, PinoLoggerService, RootLoggerOptions } from '@identsphere/observability';
import { AppModule } from './app.module';
import { configureApp } from './http/configure-app';
import { applyServerTimeouts, ServerLimits } from './http/server-timeouts';

export interface CreateAppOptions {
  /** Where the JSON log lines go (stdout by default); tests capture them. */
  readonly logDestination?: RootLoggerOptions['destination'];
  /** Shorter server timeouts or a smaller connection cap, for tests that exercise them. */
  readonly serverLimits?: Partial<ServerLimits>;
}

/** Builds the fully configured (not yet listening) application. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const logger = createRootLogger({ level: config.observability.logLevel, destination: options.logDestination, nodeEnv: config.nodeEnv });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, { logger }), {
    bodyParser: false,
    logger: new PinoLoggerService(logger),
  });
  applyServerTimeouts(app.getHttpServer(), options.serverLimits);
  configureApp(app, config);
  return app;
}
