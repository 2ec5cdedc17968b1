import type { DataSource, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import type { TransactionHost } from '@identsphere/database';

/**
 * An append-only list that honours transactions as the real outbox and audit table do: an entry added
 * inside a flow's `tx.run()` shows only once that transaction commits, and vanishes if it rolls back. So a
 * recording fake cannot report a mail or an event the database would never have kept.
 */
export class CommittedLog<T> implements EntitySubscriberInterface {
  private readonly committed: T[] = [];
  private readonly pending = new Map<QueryRunner, T[]>();
  private tx: TransactionHost | null = null;

  /** Called once by the builder, after the database is up. */
  attach(tx: TransactionHost, dataSource: DataSource): void {
    this.tx = tx;
    dataSource.subscribers.push(this);
  }

  add(entry: T): void {
    const runner = this.tx?.manager.queryRunner;
    if (!runner?.isTransactionActive) {
      this.committed.push(entry);
      return;
    }
    this.pending.set(runner, [...(this.pending.get(runner) ?? []), entry]);
  }

  /** What committed so far, oldest first. */
  get entries(): readonly T[] {
    return this.committed;
  }

  clear(): void {
    this.committed.length = 0;
  }

  afterTransactionCommit({ queryRunner }: { queryRunner: QueryRunner }): void {
    this.committed.push(...(this.pending.get(queryRunner) ?? []));
    this.pending.delete(queryRunner);
  }

  afterTransactionRollback({ queryRunner }: { queryRunner: QueryRunner }): void {
    this.pending.delete(queryRunner);
  }
}
