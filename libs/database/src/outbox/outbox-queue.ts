import type { TransactionHost } from '../transaction-host';

/**
 * The shape every outbox table shares: `id uuid`, `status` ('pending' | 'sent' | 'failed'), `attempts`,
 * `next_attempt_at` (due time while pending; during a delivery, the end of the claimant's lease),
 * `last_error`, `created_at` and `sent_at`. The rest of the row is the table's own.
 */
export interface OutboxTableSpec {
  /** A fixed identifier from code, never input. */
  readonly table: string;
  /** The table's own columns a claim returns (besides `id` and the attempt). */
  readonly columns: readonly string[];
  /** Columns emptied once a row is sent or given up on (e.g. a sealed payload that holds a link). */
  readonly clearedWhenFinished?: readonly string[];
}

/** A row a worker has claimed: it owns the delivery until its lease ends. */
export type ClaimedRow<T> = T & {
  readonly id: string;
  /** This claim's attempt number (1-based); later updates are fenced on it. */
  readonly attempt: number;
};

// Error text kept for operators; replies can be long, and a row is no log archive.
const MAX_ERROR_LENGTH = 500;

/**
 * The claim, lease and bookkeeping statements of a durable outbox, for any table of the shape above.
 * Rows are inserted by their owner inside the caller's transaction; these statements run on their own,
 * each one atomic, so any number of workers in any number of instances can share one table.
 */
export class OutboxQueue<T extends object> {
  private readonly finished: string;

  constructor(
    private readonly tx: TransactionHost,
    private readonly spec: OutboxTableSpec,
  ) {
    this.finished = (spec.clearedWhenFinished ?? []).map((column) => `, ${column} = NULL`).join('');
  }

  /**
   * Claims up to `limit` due rows in one statement. SKIP LOCKED lets workers in other instances claim other
   * rows at the same moment instead of waiting for (and then double-claiming) these; pushing
   * next_attempt_at out by the lease hides the claimed rows from every other worker until the lease ends.
   */
  async claimDue(limit: number, leaseSeconds: number): Promise<Array<ClaimedRow<T>>> {
    const { table } = this.spec;
    const returned = this.spec.columns.map((column) => `, o.${column}`).join('');
    const [rows] = await this.tx.manager.query(
      `WITH due AS MATERIALIZED (
         SELECT id FROM ${table} WHERE status = 'pending' AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       UPDATE ${table} o SET attempts = o.attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
       FROM due WHERE o.id = due.id
       RETURNING o.id, o.attempts${returned}`,
      [limit, leaseSeconds],
    );
    return (rows as Array<Record<string, unknown>>).map(({ attempts, ...row }) => ({ ...row, attempt: Number(attempts) }) as ClaimedRow<T>);
  }

  /** Sent, whoever's claim is current (the delivery happened). Returns whether the row was still pending. */
  async markSent(id: string): Promise<boolean> {
    const [rows] = await this.tx.manager.query(
      `UPDATE ${this.spec.table} SET status = 'sent', sent_at = now(), last_error = NULL${this.finished}
       WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Failed for now: due again after `delaySeconds`. Fenced on the attempt, so a stale claim changes nothing. */
  async scheduleRetry(id: string, attempt: number, delaySeconds: number, error: string): Promise<void> {
    await this.tx.manager.query(
      `UPDATE ${this.spec.table} SET next_attempt_at = now() + make_interval(secs => $3), last_error = $4
       WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [id, attempt, delaySeconds, error.slice(0, MAX_ERROR_LENGTH)],
    );
  }

  async markFailed(id: string, attempt: number, error: string): Promise<void> {
    await this.tx.manager.query(
      `UPDATE ${this.spec.table} SET status = 'failed', last_error = $3${this.finished}
       WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [id, attempt, error.slice(0, MAX_ERROR_LENGTH)],
    );
  }

  /** Gives an interrupted claim back (shutdown): due at once, and the attempt does not count. */
  async release(id: string, attempt: number): Promise<void> {
    await this.tx.manager.query(
      `UPDATE ${this.spec.table} SET attempts = attempts - 1, next_attempt_at = now()
       WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [id, attempt],
    );
  }

  /** Drops sent rows older than the retention, a bounded batch at a time; harmless when instances race. */
  purgeSent(olderThanSeconds: number, batch = 1000): Promise<number> {
    return this.purge(`status = 'sent' AND sent_at < now() - make_interval(secs => $1)`, olderThanSeconds, batch);
  }

  /** Drops rows given up on longer ago than the retention (by creation time: they were never sent). */
  purgeFailed(olderThanSeconds: number, batch = 1000): Promise<number> {
    return this.purge(`status = 'failed' AND created_at < now() - make_interval(secs => $1)`, olderThanSeconds, batch);
  }

  /** Rows waiting for a delivery (due or not): the queue depth an operator watches. */
  async pendingCount(): Promise<number> {
    const [row] = await this.tx.manager.query(`SELECT count(*)::int AS n FROM ${this.spec.table} WHERE status = 'pending'`);
    return Number(row.n);
  }

  private async purge(condition: string, olderThanSeconds: number, batch: number): Promise<number> {
    const { table } = this.spec;
    const [rows] = await this.tx.manager.query(`DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE ${condition} LIMIT $2) RETURNING id`, [
      olderThanSeconds,
      batch,
    ]);
    return rows.length;
  }
}
