import { BenchDatabase } from './database';
import { processCpuMs, ServerProcess } from './server';

/** Cores kept busy during a scenario, by whom: where the CPU that did not go to hashing went. */
export interface CpuCores {
  /** The service, all threads (hashing included). */
  readonly server: number;
  /** The service's event-loop thread alone. */
  readonly serverEventLoop: number;
  /** PostgreSQL backends of the bench database (NaN when PostgreSQL is not local). */
  readonly postgres: number;
  /** This process: the load generator and probes. */
  readonly loadGenerator: number;
  /** Transactions the bench database ran meanwhile (each autocommit statement is one). */
  readonly postgresTransactions: number;
}

interface Snapshot {
  readonly at: number;
  readonly server: { process: number; mainThread: number };
  readonly postgres: Map<number, number>;
  readonly self: NodeJS.CpuUsage;
  readonly transactions: number;
}

/** Brackets a scenario: `const stop = await cpuMeter(server, db); …; const cores = await stop();` */
export async function cpuMeter(server: ServerProcess, db: BenchDatabase): Promise<() => Promise<CpuCores>> {
  const before = await snapshot(server, db);
  return async () => {
    const after = await snapshot(server, db);
    const ms = after.at - before.at;
    let postgres = 0;
    for (const [pid, cpu] of after.postgres) postgres += cpu - (before.postgres.get(pid) ?? 0);
    const self = process.cpuUsage(before.self);
    return {
      server: (after.server.process - before.server.process) / ms,
      serverEventLoop: (after.server.mainThread - before.server.mainThread) / ms,
      postgres: after.postgres.size ? postgres / ms : Number.NaN,
      loadGenerator: (self.user + self.system) / 1000 / ms,
      postgresTransactions: after.transactions - before.transactions,
    };
  };
}

async function snapshot(server: ServerProcess, db: BenchDatabase): Promise<Snapshot> {
  const pids = await db.backendPids().catch(() => []);
  const transactions = await db.transactions().catch(() => Number.NaN);
  const postgres = new Map<number, number>();
  for (const pid of pids) {
    const cpu = processCpuMs(pid);
    if (Number.isFinite(cpu)) postgres.set(pid, cpu);
  }
  return { at: Date.now(), server: server.cpuMs(), postgres, self: process.cpuUsage(), transactions };
}
