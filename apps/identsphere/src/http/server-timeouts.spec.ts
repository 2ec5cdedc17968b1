import { createServer } from 'node:http';
import { applyServerTimeouts } from './server-timeouts';

// AWS ALB's default idle timeout; other L7 balancers (GCLB 600 s aside) use 60 s or less.
const ALB_IDLE_TIMEOUT_MS = 60_000;

describe('applyServerTimeouts', () => {
  it('keeps idle sockets longer than the load balancer', () => {
    const server = createServer();
    applyServerTimeouts(server);
    expect(server.keepAliveTimeout).toBe(65_000);
    expect(server.keepAliveTimeout).toBeGreaterThan(ALB_IDLE_TIMEOUT_MS);
  });

  it('gives a client 30 s for a whole request, less for its headers, checked every second', () => {
    const server = createServer();
    applyServerTimeouts(server);
    expect(server.requestTimeout).toBe(30_000);
    expect(server.headersTimeout).toBeLessThan(server.requestTimeout);
    expect((server as typeof server & { connectionsCheckingInterval: number }).connectionsCheckingInterval).toBeLessThanOrEqual(1_000);
  });

  it('caps the number of open connections', () => {
    const server = createServer();
    applyServerTimeouts(server);
    expect(server.maxConnections).toBe(4_096);
  });

  it('takes overrides, for tests that cannot wait 30 s', () => {
    const server = createServer();
    applyServerTimeouts(server, { requestTimeoutMs: 500, maxConnections: 2 });
    expect({ request: server.requestTimeout, max: server.maxConnections, keepAlive: server.keepAliveTimeout }).toEqual({ request: 500, max: 2, keepAlive: 65_000 });
  });
});
