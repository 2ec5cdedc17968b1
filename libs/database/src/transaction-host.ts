import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';

interface OpenTransaction {
  readonly manager: EntityManager;
  readonly afterCommit: Array<() => void>;
}

/**
 * Ambient transactions. A flow wraps its writes in `run()`; every repository asks `manager` for the
 * EntityManager to use, so an audit event or outbox mail joins the transaction of the change it records
 * without ports leaking TypeORM types.
 */
@Injectable()
export class TransactionHost {
  private readonly logger = new Logger('Transaction');
  private readonly storage = new AsyncLocalStorage<OpenTransaction>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs fn in a transaction, or inside the caller's transaction if one is already open. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.storage.getStore()) return fn();
    const afterCommit: Array<() => void> = [];
    const result = await this.dataSource.transaction((manager) => this.storage.run({ manager, afterCommit }, fn));
    for (const hook of afterCommit) this.runHook(hook);
    return result;
  }

  /** The current transaction's manager, or the pool-backed default outside a transaction. */
  get manager(): EntityManager {
    return this.storage.getStore()?.manager ?? this.dataSource.manager;
  }

  /**
   * Runs `hook` once the outermost transaction has committed, never when it rolls back; at once outside a
   * transaction. For side effects that cannot be rolled back, such as counting a metric: a counter must
   * not report a change that did not happen.
   */
  afterCommit(hook: () => void): void {
    const open = this.storage.getStore();
    if (open) open.afterCommit.push(hook);
    else this.runHook(hook);
  }

  /** The transaction has committed by now: a failing hook must not turn that into an error for the caller. */
  private runHook(hook: () => void): void {
    try {
      hook();
    } catch (error) {
      this.logger.error(`after-commit hook failed: ${(error as Error).message}`);
    }
  }
}
