import { Logger } from '@nestjs/common';
import { DataSource, MigrationExecutor, QueryRunner } from 'typeorm';
import { AppConfig } from '@identsphere/config';
import { DATABASE_TIMEOUTS, EMBEDDED_DATABASE_TIMEOUTS } from './database-timeouts';

// Any fixed 64-bit key; every instance uses the same one so only one migrates at a time.
const MIGRATION_LOCK_KEY = 7_205_759_403_792_793;

export interface MigrationRunOptions {
  /** Serialise instances that boot together (off for the embedded single session: one process owns it). */
  readonly lock: boolean;
  /** Server-side bound on every statement of the run, in ms; 0 = none (the one-off `cli.js migrate`). */
  readonly statementTimeoutMs: number;
  /**
   * The service's pooled statement timeout, made its role's default for this database in the same
   * transaction (see roleStatementTimeoutSql): null = leave the role alone.
   */
  readonly roleStatementTimeout: RoleStatementTimeout | null;
}

export interface RoleStatementTimeout {
  /** The role the service's pool connects as (DATABASE_URL's user); null = the migrating connection's own. */
  readonly role: string | null;
  readonly ms: number;
}

/**
 * Applies pending migrations in one transaction. The lock is transaction-scoped (`pg_advisory_xact_lock`),
 * so it holds even through a transaction-pooling PgBouncer or RDS Proxy, where a session-level lock and its
 * unlock may land on different server connections: ten instances booting together migrate once, the other
 * nine wait, then find nothing pending. One transaction also means a failed migration leaves nothing half
 * applied. Every statement is bounded by `SET LOCAL` (never a session-level SET: through a pooler it would
 * leak to whichever client gets the connection next).
 */
export async function runMigrations(dataSource: DataSource, options: MigrationRunOptions, logger = new Logger('Migrations')): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query(`SET LOCAL statement_timeout = ${Math.trunc(options.statementTimeoutMs)}`);
    if (options.lock) await runner.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    // 'all' with the transaction already open: the executor runs every migration in ours and commits nothing.
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'all';
    const applied = await executor.executePendingMigrations();
    if (options.roleStatementTimeout) await setRoleStatementTimeout(runner, options.roleStatementTimeout, logger);
    await runner.commitTransaction();
    if (applied.length) logger.log(`applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
    return applied.map((m) => m.name);
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

/**
 * Through a transaction pooler the service cannot send `statement_timeout` as a startup parameter (PgBouncer
 * refuses unknown ones) nor SET it per session (it would leak), so the bound lives where every server
 * connection picks it up: the role's default for this database. A role may set its own defaults; setting
 * another role's needs CREATEROLE, and without it the boot goes on with a warning (docs/deploy.md gives the
 * statement for the operator). A savepoint keeps that refusal from aborting the migrations' transaction.
 */
async function setRoleStatementTimeout(runner: QueryRunner, target: RoleStatementTimeout, logger: Logger): Promise<void> {
  const current = await runner.query(
    `SELECT s.setconfig FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole JOIN pg_database d ON d.oid = s.setdatabase
      WHERE r.rolname = coalesce($1, current_user) AND d.datname = current_database()`,
    [target.role],
  );
  const wanted = `statement_timeout=${target.ms}ms`;
  if ((current[0]?.setconfig as string[] | undefined)?.includes(wanted)) return;
  await runner.query('SAVEPOINT role_statement_timeout');
  try {
    await runner.query(roleStatementTimeoutSql(target));
    await runner.query('RELEASE SAVEPOINT role_statement_timeout');
  } catch (error) {
    await runner.query('ROLLBACK TO SAVEPOINT role_statement_timeout');
    logger.warn(`could not set statement_timeout for role ${target.role ?? 'current_user'} (${(error as Error).message}): run \`${roleStatementTimeoutSql(target)}\` as an administrator`);
  }
}

/** `ALTER ROLE … IN DATABASE … SET statement_timeout`, with both names quoted as identifiers. */
export function roleStatementTimeoutSql(target: RoleStatementTimeout): string {
  const role = target.role === null ? 'current_user' : literal(target.role);
  return `DO $$ BEGIN EXECUTE format('ALTER ROLE %I IN DATABASE %I SET statement_timeout = %L', ${role}, current_database(), '${Math.trunc(target.ms)}ms'); END $$`;
}

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * How this configuration migrates: the embedded single session without a lock; a real server under the lock,
 * with the pooled statement timeout made the service role's default. `oneOff` (`cli.js migrate`): no bound
 * on the run's statements (an index build on a large table may take minutes; nobody waits on an answer).
 */
export function migrationRunFor(config: AppConfig, oneOff: boolean): MigrationRunOptions {
  if (!config.database.url) return { lock: false, statementTimeoutMs: oneOff ? 0 : EMBEDDED_DATABASE_TIMEOUTS.statementMs, roleStatementTimeout: null };
  const user = decodeURIComponent(new URL(config.database.url).username);
  return {
    lock: true,
    statementTimeoutMs: oneOff ? 0 : DATABASE_TIMEOUTS.statementMs,
    roleStatementTimeout: { role: user || null, ms: DATABASE_TIMEOUTS.statementMs },
  };
}
