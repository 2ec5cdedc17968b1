import type { Server } from 'node:http';

export interface ServerLimits {
  /** How long an idle keep-alive connection is kept. */
  readonly keepAliveTimeoutMs: number;
  /** How long a client may take to send a request's headers. */
  readonly headersTimeoutMs: number;
  /** How long a client may take to send a whole request, body included; Node then answers 408. */
  readonly requestTimeoutMs: number;
  /** How often Node looks for requests past those two timeouts (it checks on an interval, not per socket). */
  readonly connectionsCheckingIntervalMs: number;
  /** Connections beyond this are closed on accept. */
  readonly maxConnections: number;
}

/**
 * AWS ALB (and most L7 balancers) keep idle upstream connections for 60 s. If we closed an idle socket
 * first, the balancer could send the next request into the closing socket and answer 502, so the idle
 * timeout outlasts the balancer's. The headers and request timers only run while a request is in
 * progress (Node >= 18 tracks active connections separately from idle ones), so they can be far shorter:
 * a client trickling a body (every body of ours fits in 64 KiB) is cut off after 30 s instead of holding
 * a connection for Node's default of 5 minutes. The connection cap bounds how many sockets slow or
 * abusive clients can hold open at once; behind a balancer the count stays far lower, since the balancer
 * reuses its connections.
 */
export const SERVER_LIMITS: ServerLimits = {
  keepAliveTimeoutMs: 65_000,
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 30_000,
  connectionsCheckingIntervalMs: 1_000,
  maxConnections: 4_096,
};

/** Node reads this property when listening starts; @types/node only declares it as a constructor option. */
type CheckedServer = Server & { connectionsCheckingInterval: number };

/** Must run before the server listens, for the checking interval to take effect. */
export function applyServerTimeouts(server: Server, overrides: Partial<ServerLimits> = {}): void {
  const limits = { ...SERVER_LIMITS, ...overrides };
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  (server as CheckedServer).connectionsCheckingInterval = limits.connectionsCheckingIntervalMs;
  server.maxConnections = limits.maxConnections;
}
