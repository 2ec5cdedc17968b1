import { Client } from 'pg';

const READ_TIMEOUT_MESSAGE = 'Query read timeout';

/**
 * A pg Client that drops its connection when a query gets no answer at all within `query_timeout`.
 *
 * Why: a slow query is cancelled server-side by `statement_timeout` and leaves a healthy connection, but a
 * client-side read timeout means the server or the network went silent (a partition, a failed-over
 * primary whose old sockets never get a reset). pg then keeps the socket, the pool hands it out again, and
 * every later query on it times out too, for as long as TCP keepalive needs to notice (minutes). Destroying
 * the socket makes the pool discard this client and open a fresh connection once the database is back.
 */
export class TimeoutAwarePgClient extends Client {
  // pg's query() has many overloads; only the promise form (what TypeORM uses) is observed here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one override must satisfy every overload
  override query(...args: any[]): any {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- calls whichever overload the caller chose
    const result = (super.query as (...a: any[]) => any)(...args);
    if (result && typeof result.then === 'function') {
      result.then(undefined, (error: Error) => {
        if (error?.message === READ_TIMEOUT_MESSAGE) this.dropConnection();
      });
    }
    return result;
  }

  private dropConnection(): void {
    (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
  }
}
