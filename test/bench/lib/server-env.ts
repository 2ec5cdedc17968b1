import { randomBytes } from 'node:crypto';
import { OPERATOR_THREADPOOL_SIZE } from './bench-thread-pool';
import type { BenchDatabase } from './database';

/** The service under test runs under production rules on its own fresh database, with mail off. */
export function productionServerEnv(db: BenchDatabase, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    UV_THREADPOOL_SIZE: OPERATOR_THREADPOOL_SIZE,
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    IDENTSPHERE_JWT_SECRET: randomBytes(48).toString('base64url'),
    IDENTSPHERE_PUBLIC_BASE_URL: 'https://identsphere-bench.invalid',
    IDENTSPHERE_COOKIES_SECURE: 'true',
    IDENTSPHERE_MAIL_DISABLED: 'true',
    // Production refuses to boot without it; run.ts passes the token it scrapes with.
    IDENTSPHERE_METRICS_TOKEN: randomBytes(24).toString('base64url'),
    ...extra,
  };
}
