import { missingComponents } from './rig/components';
import { Fleet, FleetOptions } from './rig/fleet';
import { stopAllTraffic } from './traffic/steady-traffic';

// Shared by the *.fleet-spec.ts files (not part of the compiled CLI).

const missing = missingComponents();

/**
 * `describe` when PostgreSQL 15, PgBouncer and HAProxy are installed; otherwise the block is reported as
 * skipped with the missing packages in its name (CI installs them: .ci/run).
 */
export function describeFleet(name: string, body: () => void): void {
  if (missing.length) describe.skip(`${name} (skipped: ${missing.join(', ')} missing; apt-get install -y haproxy pgbouncer postgresql-15)`, body);
  else describe(name, body);
}

/** Booting the rig (initdb, PgBouncer, HAProxy, 3 instances migrating at once) takes seconds on a busy machine. */
export const FLEET_BOOT_TIMEOUT_MS = 120_000;
/** Each fault test stays well under a minute; this is the bound, not the expected time. */
export const FAULT_TEST_TIMEOUT_MS = 90_000;

/**
 * Throttles opened wide (every client comes from 127.0.0.1 through HAProxy) and cheap Argon2: the fault
 * tests are about routing and the database, not password hashing on 2 shared cores.
 */
export const FLEET_TEST_ENV: NodeJS.ProcessEnv = {
  IDENTSPHERE_IP_MAX_ATTEMPTS: '100000',
  IDENTSPHERE_LOGIN_MAX_FAILURES: '1000',
  IDENTSPHERE_HASH_QUEUE_MAX: '1000',
  IDENTSPHERE_ARGON2_MEMORY_KIB: '8192',
  IDENTSPHERE_ARGON2_ITERATIONS: '1',
  IDENTSPHERE_SHUTDOWN_TIMEOUT: '10',
};

/** Starts a fleet for one file's tests; the returned getter is valid inside tests; stop runs in afterAll. */
export function useFleet(options: FleetOptions = {}): () => Fleet {
  let fleet: Fleet | null = null;
  beforeAll(async () => {
    fleet = await Fleet.start({ ...options, env: { ...FLEET_TEST_ENV, ...options.env } });
  }, FLEET_BOOT_TIMEOUT_MS);
  afterEach(() => stopAllTraffic(), 60_000);
  afterAll(async () => fleet?.stop(), 60_000);
  return () => {
    if (!fleet) throw new Error('the fleet did not start');
    return fleet;
  };
}
