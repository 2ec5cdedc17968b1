import { Fleet } from './rig/fleet';
import { runCapacity } from './capacity';

// `npm run fleet` brings the rig up (3 instances unless --instances=N), prints its URLs and waits for
// Ctrl+C. `npm run fleet -- --capacity` measures logins/s and refreshes/s for 1, 2 and 3 instances instead.

function option(name: string): string | undefined {
  const arg = process.argv.slice(2).find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return arg === undefined ? undefined : (arg.split('=')[1] ?? '');
}

async function up(instances: number): Promise<void> {
  process.stdout.write(`starting PostgreSQL, PgBouncer, HAProxy and ${instances} instance(s)...\n`);
  const fleet = await Fleet.start({ instances });
  const lines = [
    `fleet up: ${fleet.url}`,
    `  HAProxy stats: http://127.0.0.1:${fleet.proxy!.statsPort}/stats`,
    `  PgBouncer (transaction pooling): ${fleet.bouncer!.url}`,
    `  PostgreSQL (direct): ${fleet.postgres!.url}`,
    ...fleet.instances.map((i) => `  instance ${i.index}: ${i.baseUrl} (pid ${i.pid})`),
    `  logs and data: ${fleet.dir}`,
    'Ctrl+C stops everything.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stdout.write('stopping...\n');
  await fleet.stop();
}

const instances = Number(option('instances') || 3);
const run = option('capacity') !== undefined ? runCapacity(Number(option('seconds') || 5)) : up(instances);
run.then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`fleet failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
