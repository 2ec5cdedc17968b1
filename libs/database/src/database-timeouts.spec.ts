import { buildDataSourceOptions } from './data-source-options';
import { DATABASE_TIMEOUTS, EMBEDDED_DATABASE_TIMEOUTS } from './database-timeouts';

// The bounds promised in docs/production-checklist.md; test/e2e/database-faults.e2e-spec.ts measures them.
const REQUEST_BOUND_MS = 3_000;
const HEALTH_BOUND_MS = 1_000;
// Room for the HTTP and application work around the database wait.
const MARGIN_MS = 500;

type PoolExtra = { connectionTimeoutMillis: number; statement_timeout: number; query_timeout?: number };
const poolOf = (input: Partial<Parameters<typeof buildDataSourceOptions>[0]>) =>
  (buildDataSourceOptions({ url: 'postgres://x@127.0.0.1/x', embedded: false, migrations: [], ...input }) as { extra: PoolExtra }).extra;

describe('database timeouts', () => {
  it('bound a request that waits for a connection and then meets a silent database', () => {
    expect(DATABASE_TIMEOUTS.checkoutMs + DATABASE_TIMEOUTS.queryMs).toBeLessThanOrEqual(REQUEST_BOUND_MS - MARGIN_MS);
    expect(DATABASE_TIMEOUTS.healthPingMs).toBeLessThanOrEqual(HEALTH_BOUND_MS - 250);
  });

  it('let the server cancel a slow statement before the client gives the connection up as silent', () => {
    for (const timeouts of [DATABASE_TIMEOUTS, EMBEDDED_DATABASE_TIMEOUTS]) expect(timeouts.statementMs).toBeLessThan(timeouts.queryMs);
  });

  it('are what the pool is configured with, except for long administrative runs', () => {
    expect(poolOf({})).toMatchObject({ connectionTimeoutMillis: 750, query_timeout: 1_500 });
    expect(poolOf({ embedded: true })).toMatchObject({ connectionTimeoutMillis: 3_000, statement_timeout: 5_000, query_timeout: 6_000 });
    const migrate = poolOf({ longStatements: true, embedded: true });
    expect({ statement: migrate.statement_timeout, query: migrate.query_timeout }).toEqual({ statement: 0, query: undefined });
    expect(poolOf({ longStatements: true }).query_timeout).toBeUndefined();
  });

  // PgBouncer in transaction mode refuses a connection that sends one ("unsupported startup parameter"): the
  // server-side bound on a real server is the role's default instead (test/e2e/database-pooler.e2e-spec.ts).
  it('send no statement_timeout startup parameter to a real server', () => {
    expect(poolOf({})).not.toHaveProperty('statement_timeout');
    expect(poolOf({ longStatements: true })).not.toHaveProperty('statement_timeout');
  });
});
