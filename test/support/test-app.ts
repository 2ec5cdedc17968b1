import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, loadConfig } from '@identsphere/config';
import { createApp, CreateAppOptions } from '../../apps/identsphere/src/create-app';
import { createTestDatabase, TestDatabase } from './test-database';

/** A fixed, high-entropy secret so tests never write a generated dev secret. */
export const TEST_JWT_SECRET = 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ';

export interface TestApp {
  readonly app: NestExpressApplication;
  readonly config: AppConfig;
  readonly db: TestDatabase;
  /** Base URL when started with { listen: true }. */
  readonly baseUrl: string;
  readonly server: ReturnType<NestExpressApplication['getHttpServer']>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  readonly env?: Record<string, string>;
  /** Reuse a database (e.g. two instances on one database); otherwise a fresh one is made and dropped. */
  readonly db?: TestDatabase;
  /** Listen on a real loopback port (for clients that need a URL, like a remote JWKS). */
  readonly listen?: boolean;
  /** Capture the JSON log lines (see log-capture.ts); they go to stdout otherwise. */
  readonly logDestination?: CreateAppOptions['logDestination'];
  /** Shorter server timeouts or a smaller connection cap (see server-timeouts.ts). */
  readonly serverLimits?: CreateAppOptions['serverLimits'];
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    IDENTSPHERE_JWT_SECRET: TEST_JWT_SECRET,
    IDENTSPHERE_LOG_LEVEL: 'error',
    ...db.env,
    ...options.env,
  });
  const app = await createApp(config, { logDestination: options.logDestination, serverLimits: options.serverLimits });
  let baseUrl = '';
  if (options.listen) {
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${address.port}`;
  } else {
    await app.init();
  }
  return {
    app,
    config,
    db,
    baseUrl,
    server: app.getHttpServer(),
    close: async () => {
      await app.close();
      if (!options.db) await db.drop();
    },
  };
}
