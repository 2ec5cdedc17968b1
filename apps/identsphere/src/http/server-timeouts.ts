import type { Server } from 'node:http';

// AWS ALB (and most L7 balancers) keep idle upstream connections for 60 s. If we closed an idle socket
// first, the balancer could send the next request into the closing socket and answer 502: the idle
// timeout must outlast the balancer's, and the headers timeout must outlast the idle timeout.
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
export const HEADERS_TIMEOUT_MS = 66_000;

export function applyServerTimeouts(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
}
