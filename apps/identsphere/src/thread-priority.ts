import { randomFill } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

// Nice value for the libuv pool threads (0 = normal, 19 = lowest).
const POOL_NICENESS = 10;

const threadIds = (): Set<number> => {
  try {
    return new Set(readdirSync('/proc/self/task').map(Number));
  } catch {
    return new Set();
  }
};

/**
 * Runs the libuv pool (where Argon2 hashes) at a lower CPU priority than the event loop and PostgreSQL.
 * During a login storm the hashing threads then take only the CPU that nothing more urgent wants, so
 * /health and refresh answer promptly while logins still use every spare cycle. Linux only; elsewhere,
 * or when the pool is already running, it does nothing. Must run before anything else uses the pool:
 * libuv starts all pool threads together on first use, so the threads that appear are exactly the pool.
 */
export async function deprioritizeLibuvPool(): Promise<number> {
  const before = threadIds();
  if (!before.size) return 0;
  await new Promise<void>((resolve) => randomFill(Buffer.alloc(1), () => resolve()));
  const pool = [...threadIds()].filter((tid) => !before.has(tid));
  let lowered = 0;
  for (const tid of pool) {
    try {
      setPriority(tid, POOL_NICENESS);
      lowered++;
    } catch {
      // Not permitted here (or the thread is gone): hashing simply keeps normal priority.
    }
  }
  return lowered;
}
