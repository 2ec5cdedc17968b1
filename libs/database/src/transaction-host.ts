import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Ambient transactions. A flow wraps its writes in `run()`; every repository asks `manager` for the
 * EntityManager to use, so an audit event or outbox mail joins the transaction of the change it records
 * without ports leaking TypeORM types.
 */
@Injectable()
export class TransactionHost {
  private readonly storage = new AsyncLocalStorage<EntityManager>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs fn in a transaction, or inside the caller's transaction if one is already open. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.storage.getStore()) return fn();
    return this.dataSource.transaction((manager) => this.storage.run(manager, fn));
  }

  /** The current transaction's manager, or the pool-backed default outside a transaction. */
  get manager(): EntityManager {
    return this.storage.getStore() ?? this.dataSource.manager;
  }
}
