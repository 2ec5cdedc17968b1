/**
 * Every bound on waiting for PostgreSQL, chosen together so that a request needing the database answers
 * (503 `unavailable` at worst) within 3 s even when the database goes silent: packets dropped, no reset,
 * no error, only silence. docs/production-checklist.md states the same numbers and the reasoning.
 *
 * The worst case is a request that waits for a pooled connection almost until CHECKOUT and then sends a
 * query into the silence: CHECKOUT + QUERY = 2.25 s, plus the HTTP work around it. A failed query drops its
 * connection (see TimeoutAwarePgClient), so a transaction's ROLLBACK fails at once instead of waiting again.
 */
export interface DatabaseTimeouts {
  /** Waiting for a free pooled connection, or for a new one to finish its handshake (pg-pool). */
  readonly checkoutMs: number;
  /** Server side: PostgreSQL cancels a slow statement and the connection stays usable. */
  readonly statementMs: number;
  /** Client side, a little above the server's: no answer at all means the server or network went silent. */
  readonly queryMs: number;
  /** GET /health's ping: readiness must answer within 1 s, whatever the database does. */
  readonly healthPingMs: number;
}

export const DATABASE_TIMEOUTS: DatabaseTimeouts = {
  checkoutMs: 750,
  statementMs: 1_250,
  queryMs: 1_500,
  healthPingMs: 700,
};

/**
 * The embedded PGlite default is one in-process session on loopback (it cannot go silent the way a
 * network can), and every request queues for that single connection: short bounds would only turn a
 * burst of local requests into 503s.
 */
export const EMBEDDED_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  checkoutMs: 3_000,
  statementMs: 5_000,
  queryMs: 6_000,
  healthPingMs: 700,
};
