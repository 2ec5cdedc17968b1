import { DataSource } from 'typeorm';
import { TransactionHost } from '@identsphere/database';

/**
 * Throttle writes must commit on their own: a failed login rolls nothing back, and a counter that a
 * caller's rollback could undo would not count. So the stores query through the pool, never the ambient
 * transaction, and refuse to run inside one: that would also deadlock the one-connection embedded pool.
 */
export function autocommitQuery(dataSource: DataSource, tx: TransactionHost) {
  // TypeORM's postgres driver answers rows for SELECT/INSERT and [rows, affected] for UPDATE/DELETE.
  return <T>(sql: string, params: unknown[]): Promise<T> => {
    if (tx.manager !== dataSource.manager) {
      return Promise.reject(new Error('throttles must be checked outside a transaction (their counts must survive a rollback)'));
    }
    return dataSource.query(sql, params) as Promise<T>;
  };
}
