import { availableParallelism } from 'node:os';

/** The operator's own UV_THREADPOOL_SIZE, if any: only that may reach the service (it sizes its pool itself). */
export const OPERATOR_THREADPOOL_SIZE = process.env.UV_THREADPOOL_SIZE;

// Imported first by run.ts: libuv sizes its pool once, at first use. The in-process hash ceiling runs one
// hash per core and must not be capped by the default of four threads.
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(4, availableParallelism() + 2));
