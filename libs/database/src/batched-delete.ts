import type { DataSource } from 'typeorm';

export interface BatchedDelete {
  readonly table: string;
  /** A column (or `ctid`) that identifies a row within the table. */
  readonly key: string;
  /** SQL condition for the rows to delete; `$1`… refer to `params`. */
  readonly where: string;
  readonly params?: readonly unknown[];
  /** Delete oldest-first by `key` (useful when the key follows insertion order). */
  readonly ordered?: boolean;
  readonly batchSize?: number;
  readonly maxBatches?: number;
}

/**
 * Deletes matching rows in bounded batches, so a large backlog never holds locks or bloats one
 * transaction. Safe with any number of callers at once: the delete is idempotent, and SKIP LOCKED makes
 * concurrent runs (and live writers) pass each other's rows instead of waiting. Returns how many rows went.
 */
export async function deleteInBatches(dataSource: DataSource, spec: BatchedDelete): Promise<number> {
  const { table, key, where, params = [], ordered = false, batchSize = 5_000, maxBatches = 20 } = spec;
  const order = ordered ? ` ORDER BY ${key}` : '';
  const sql = `DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE ${where}${order} LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)`;
  let deleted = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const [, count] = (await dataSource.query(sql, [...params])) as [unknown[], number];
    deleted += count;
    if (count < batchSize) break;
  }
  return deleted;
}
