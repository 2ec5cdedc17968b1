import { createServer } from 'node:http';
import { applyServerTimeouts } from './server-timeouts';

// AWS ALB's default idle timeout; other L7 balancers (GCLB 600 s aside) use 60 s or less.
const ALB_IDLE_TIMEOUT_MS = 60_000;

describe('applyServerTimeouts', () => {
  it('keeps idle sockets longer than the load balancer, and waits for headers longer still', () => {
    const server = createServer();
    applyServerTimeouts(server);
    expect(server.keepAliveTimeout).toBe(65_000);
    expect(server.keepAliveTimeout).toBeGreaterThan(ALB_IDLE_TIMEOUT_MS);
    expect(server.headersTimeout).toBe(66_000);
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
  });
});
