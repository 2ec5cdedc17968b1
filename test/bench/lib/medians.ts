/** Median of the finite values (mean of the middle two for an even count); NaN when there are none. */
export function median(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const mid = finite.length >> 1;
  return finite.length % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The per-field median of several runs' results (`--runs 3`): numbers become the median of that field
 * across the runs that have it, objects are merged key by key (the union of their keys, so a status seen
 * in one run only is kept), and anything else (strings, arrays, booleans, null) is taken from the first
 * run. Each field's median is taken on its own: a median run's p99 may come from another run than its
 * req/s, which is what "medians of three" means for a table of independent measurements.
 */
export function medianOfRuns<T>(runs: readonly T[]): T {
  if (runs.length === 0) throw new RangeError('medianOfRuns needs at least one run');
  return mergeMedian(runs as readonly unknown[]) as T;
}

function mergeMedian(values: readonly unknown[]): unknown {
  const present = values.filter((v) => v !== undefined);
  if (present.length === 0) return undefined;
  if (present.every((v) => typeof v === 'number')) return median(present as number[]);
  if (present.every(isRecord)) {
    const keys = new Set(present.flatMap((v) => Object.keys(v)));
    return Object.fromEntries([...keys].map((key) => [key, mergeMedian(present.map((v) => v[key]))]));
  }
  return present[0];
}
