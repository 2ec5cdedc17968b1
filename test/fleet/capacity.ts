import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { Fleet } from './rig/fleet';
import { FleetClient, signedInClients } from './traffic/fleet-client';

// `npm run fleet -- --capacity [--seconds=5]`: logins/s and refreshes/s through HAProxy for 1, 2 and 3
// instances on this machine, with what PostgreSQL spent per operation (CPU of its processes, transactions,
// lock waits sampled from pg_locks) and the connections each layer held. Production Argon2 cost; the
// throttles are opened (every client is 127.0.0.1). The instances share the machine's cores with
// PostgreSQL, PgBouncer, HAProxy and the load generator, so the interesting figures are per operation.

const CONCURRENCY_PER_INSTANCE = 4;
const ACCOUNTS = 24;
const SAMPLE_INTERVAL_MS = 50;
const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ

interface Row {
  readonly instances: number;
  readonly scenario: 'login' | 'refresh';
  readonly perSecond: number;
  readonly errors: number;
  readonly pgCpuMsPerOp: number;
  readonly transactionsPerOp: number;
  readonly lockWaitSamples: number;
  readonly samples: number;
  readonly maxServerConnections: number;
}

/** CPU time (ms) of every process of the rig's cluster: the postmaster and its children. */
function postgresCpuMs(dataDir: string): Map<number, number> {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the parenthesised command: state ppid ... utime(14) stime(15), 1-based over the whole line.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      if (pid !== postmaster && Number(fields[1]) !== postmaster) continue;
      cpu.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND);
    } catch {
      // the process ended between listing and reading
    }
  }
  return cpu;
}

const cpuSpent = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);

async function measure(fleet: Fleet, instances: number, scenario: Row['scenario'], clients: FleetClient[], seconds: number): Promise<Row> {
  const db = new Client({ connectionString: fleet.postgres!.url, application_name: 'fleet-capacity' });
  await db.connect();
  const commits = async () => Number((await db.query(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = 'postgres'`)).rows[0].n);
  const dataDir = join(fleet.dir, 'pgdata');
  try {
    let lockWaitSamples = 0;
    let samples = 0;
    let maxServerConnections = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const { rows } = await db.query(
          `SELECT (SELECT count(*) FROM pg_locks WHERE NOT granted) AS waiting,
                  (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND application_name <> 'fleet-capacity') AS connections`,
        );
        samples++;
        if (Number(rows[0].waiting) > 0) lockWaitSamples++;
        maxServerConnections = Math.max(maxServerConnections, Number(rows[0].connections));
        await new Promise((resolve) => setTimeout(resolve, SAMPLE_INTERVAL_MS));
      }
    })();
    const [cpuBefore, commitsBefore] = [postgresCpuMs(dataDir), await commits()];
    const until = Date.now() + seconds * 1000;
    const startedAt = Date.now();
    let ok = 0;
    let errors = 0;
    await Promise.all(
      clients.map(async (client) => {
        while (Date.now() < until) {
          const outcome = scenario === 'login' ? await client.login() : await client.refresh();
          if (outcome.status === 200) ok++;
          else errors++;
        }
      }),
    );
    const elapsed = (Date.now() - startedAt) / 1000;
    const [cpuAfter, commitsAfter] = [postgresCpuMs(dataDir), await commits()];
    sampling = false;
    await sampler;
    return {
      instances,
      scenario,
      perSecond: ok / elapsed,
      errors,
      pgCpuMsPerOp: cpuSpent(cpuBefore, cpuAfter) / Math.max(ok, 1),
      transactionsPerOp: (commitsAfter - commitsBefore) / Math.max(ok, 1),
      lockWaitSamples,
      samples,
      maxServerConnections,
    };
  } finally {
    await db.end();
  }
}

const fixed = (n: number, digits = 1) => n.toFixed(digits);

export async function runCapacity(seconds: number): Promise<void> {
  const rows: Row[] = [];
  for (const instances of [1, 2, 3]) {
    process.stderr.write(`capacity: ${instances} instance(s)...\n`);
    const fleet = await Fleet.start({ instances, env: { IDENTSPHERE_IP_MAX_ATTEMPTS: '100000', IDENTSPHERE_LOGIN_MAX_FAILURES: '1000', IDENTSPHERE_LOG_LEVEL: 'warn' } });
    try {
      const clients = await signedInClients(fleet.url, ACCOUNTS);
      const concurrency = clients.slice(0, CONCURRENCY_PER_INSTANCE * instances);
      await measure(fleet, instances, 'login', concurrency, 1); // warm-up
      rows.push(await measure(fleet, instances, 'login', concurrency, seconds));
      rows.push(await measure(fleet, instances, 'refresh', clients.slice(0, 8 * instances), seconds));
    } finally {
      await fleet.stop();
    }
  }
  const lines = [
    `fleet capacity, ${seconds} s per row, ${CONCURRENCY_PER_INSTANCE} concurrent logins / 8 concurrent refresh chains per instance, through HAProxy and PgBouncer (transaction pooling, default_pool_size 20)`,
    '| instances | scenario | ops/s | errors | PostgreSQL CPU ms/op | transactions/op | samples with a lock wait | max server connections |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.instances} | ${r.scenario} | ${fixed(r.perSecond)} | ${r.errors} | ${fixed(r.pgCpuMsPerOp, 2)} | ${fixed(r.transactionsPerOp, 2)} | ${r.lockWaitSamples}/${r.samples} | ${r.maxServerConnections} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
